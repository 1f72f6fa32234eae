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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.driftq.idempotent.EffectDefinition;
import io.driftq.idempotent.EffectKey;
import io.driftq.idempotent.EffectOutcome;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.IdempotentEffect;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.Ordered;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Applies {@link IdempotentEffect} to Spring bean methods through {@link EffectTemplate}.
 *
 * <p>
 * Its order ({@link #ORDER}) puts it outside a {@code @Transactional} on the same method
 * (whose advisor has the lowest precedence), so the claim and completion are not part of
 * the method's transaction.
 *
 * <p>
 * The {@code run}, {@code businessKey} and {@code payload} expressions see the method's
 * parameters ({@code #cmd}, {@code #p0}) and, when an argument is a spring-messaging
 * {@code Message}, the first such argument's headers as {@code #headers}.
 */
@Aspect
public class IdempotentEffectAspect implements Ordered {

	/** The aspect's order: just before the transaction advisor. */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 100;

	private final Supplier<EffectTemplate> template;

	private final SpelExpressionParser parser = new SpelExpressionParser();

	private final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final Map<String, Expression> expressions = new ConcurrentHashMap<>();

	private final Map<Method, JavaType> returnTypes = new ConcurrentHashMap<>();

	/**
	 * spring-messaging is optional: {@code #headers} exists only where {@code Message}
	 * does.
	 */
	private static final boolean MESSAGING_PRESENT = ClassUtils.isPresent("org.springframework.messaging.Message",
			IdempotentEffectAspect.class.getClassLoader());

	public IdempotentEffectAspect(EffectTemplate template) {
		this.template = () -> template;
	}

	/**
	 * An aspect that looks its template up on first use, so that creating the advisor
	 * does not create the effect store: a store that cannot start then fails as itself,
	 * not inside Spring's advisor sorting.
	 * @param template supplies the template
	 */
	public IdempotentEffectAspect(Supplier<EffectTemplate> template) {
		this.template = SingletonSupplier.of(template);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Around("@annotation(effect)")
	public @Nullable Object around(ProceedingJoinPoint joinPoint, IdempotentEffect effect) throws Throwable {
		EffectOutcome.clearLast(); // also when the key below cannot be evaluated
		Method method = ((MethodSignature) joinPoint.getSignature()).getMethod();
		Object target = joinPoint.getTarget();
		if (target != null) {
			method = AopUtils.getMostSpecificMethod(method, target.getClass());
		}
		Object[] args = joinPoint.getArgs();
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(target, method, args,
				this.parameterNames);
		if (MESSAGING_PRESENT) {
			MessageHeadersVariable.register(context, args);
		}
		String run = evaluate(effect.run(), context, "run");
		String businessKey = evaluate(effect.businessKey(), context, "businessKey");
		Object payload = effect.payload().isEmpty() ? args : expression(effect.payload()).getValue(context);
		EffectDefinition definition = new EffectDefinition(EffectKey.of(run, effect.step(), businessKey),
				effect.lease().isEmpty() ? null : Duration.parse(effect.lease()), effect.onExpiredClaim(),
				List.of(effect.noEffectOn()), List.of(effect.terminalOn()), effect.local(),
				effect.inProgressWait().isEmpty() ? null : Duration.parse(effect.inProgressWait()),
				effect.storeResult());
		JavaType returnType = this.returnTypes.computeIfAbsent(method,
				(m) -> this.template.get().getMapper().getTypeFactory().constructType(m.getGenericReturnType()));
		return this.template.get().invoke(definition, payload, returnType, (effectContext) -> joinPoint.proceed());
	}

	private @Nullable String evaluate(String source, EvaluationContext context, String part) {
		if (source == null || source.isBlank()) {
			throw new IllegalArgumentException("Effect key part '" + part + "' has no expression");
		}
		Object value = expression(source).getValue(context);
		return (value != null) ? value.toString() : null;
	}

	private Expression expression(String source) {
		return this.expressions.computeIfAbsent(source, this.parser::parseExpression);
	}

}
