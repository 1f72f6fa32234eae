/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.driftq.idempotent.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import io.driftq.idempotent.EffectStoreConfigurationException;
import io.driftq.idempotent.IdempotentEffect;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.log.LogMessage;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Warns at startup about {@link IdempotentEffect} methods the proxy cannot intercept,
 * because such a method would run its effect on every call, unguarded: private, static or
 * final methods, methods of a bean that was not proxied, and methods not on an interface
 * of a JDK-proxied bean. (Self-invocation cannot be seen here: call such methods through
 * another bean, or use {@code EffectTemplate}.)
 */
public class IdempotentEffectMethodChecker implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(IdempotentEffectMethodChecker.class);

	private static final boolean ASPECTJ_PRESENT = ClassUtils.isPresent("org.aspectj.lang.annotation.Aspect",
			IdempotentEffectMethodChecker.class.getClassLoader());

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> type = AopUtils.getTargetClass(bean);
		if (type.getName().startsWith("org.springframework.")) {
			return bean;
		}
		List<Method> annotated = new ArrayList<>();
		ReflectionUtils.doWithMethods(type, annotated::add,
				(method) -> AnnotatedElementUtils.hasAnnotation(method, IdempotentEffect.class));
		if (!annotated.isEmpty() && !ASPECTJ_PRESENT) {
			Method method = annotated.get(0);
			throw new EffectStoreConfigurationException(
					"@IdempotentEffect on " + method.getDeclaringClass().getName() + "." + method.getName()
							+ " needs AspectJ: add org.springframework.boot:spring-boot-starter-aspectj"
							+ " (without it the method would run its side effect on every call)",
					"Add the dependency org.springframework.boot:spring-boot-starter-aspectj.");
		}
		for (Method method : annotated) {
			String problem = problem(bean, method);
			if (problem != null) {
				logger.warn(LogMessage.format(
						"@IdempotentEffect on %s.%s (bean '%s') will NOT be applied: %s; the method would run its "
								+ "side effect on every call",
						method.getDeclaringClass().getName(), method.getName(), beanName, problem));
			}
		}
		return bean;
	}

	static @Nullable String problem(Object bean, Method method) {
		int modifiers = method.getModifiers();
		if (Modifier.isPrivate(modifiers)) {
			return "the method is private";
		}
		if (Modifier.isStatic(modifiers)) {
			return "the method is static";
		}
		if (Modifier.isFinal(modifiers)) {
			return "the method is final (a class-based proxy cannot override it)";
		}
		if (!AopUtils.isAopProxy(bean)) {
			return "the bean is not proxied (is spring-boot-starter-aspectj on the class path and AOP auto-proxying on?)";
		}
		if (AopUtils.isJdkDynamicProxy(bean) && ClassUtils.getMostSpecificMethod(method, bean.getClass()) == method
				&& !declaredByAnInterface(method)) {
			return "the bean is a JDK interface proxy and no interface declares the method";
		}
		return null;
	}

	private static boolean declaredByAnInterface(Method method) {
		for (Class<?> type : ClassUtils.getAllInterfacesForClassAsSet(method.getDeclaringClass())) {
			if (ReflectionUtils.findMethod(type, method.getName(), method.getParameterTypes()) != null) {
				return true;
			}
		}
		return false;
	}

}
