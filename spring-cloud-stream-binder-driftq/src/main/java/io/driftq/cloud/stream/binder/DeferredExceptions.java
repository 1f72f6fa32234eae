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

package io.driftq.cloud.stream.binder;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Recognises the exceptions a binding treats as "not a failure, come back later"
 * ({@code deferred-exceptions}): by class name, on every class and superclass in the
 * cause chain, so the binder needs no dependency on the library that throws them. The
 * wait is the exception's public no-arg {@code retryAfter()} returning a
 * {@link Duration}, if it has one.
 */
final class DeferredExceptions {

	private static final Log logger = LogFactory.getLog(DeferredExceptions.class);

	private final Set<String> classNames;

	private final Duration defaultWait;

	DeferredExceptions(List<String> classNames, Duration defaultWait) {
		this.classNames = (classNames != null) ? Set.copyOf(classNames) : Set.of();
		this.defaultWait = defaultWait;
	}

	/** Whether {@code failure} or one of its causes is a deferred exception. */
	boolean matches(Throwable failure) {
		return find(failure) != null;
	}

	/**
	 * How long to wait before handling the message again.
	 * @return the wait, or {@code null} when {@code failure} is not deferred
	 */
	@Nullable Duration waitFor(Throwable failure) {
		Throwable deferred = find(failure);
		if (deferred == null) {
			return null;
		}
		Duration wait = retryAfter(deferred);
		return (wait != null && !wait.isNegative()) ? wait : this.defaultWait;
	}

	private @Nullable Throwable find(Throwable failure) {
		if (this.classNames.isEmpty()) {
			return null;
		}
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
				if (this.classNames.contains(type.getName())) {
					return cause;
				}
			}
		}
		return null;
	}

	private static @Nullable Duration retryAfter(Throwable deferred) {
		try {
			Method method = deferred.getClass().getMethod("retryAfter");
			if (Modifier.isPublic(method.getModifiers()) && Duration.class.equals(method.getReturnType())) {
				return (Duration) method.invoke(deferred);
			}
		}
		catch (NoSuchMethodException ex) {
			// no wait of its own: the default applies
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("retryAfter() of " + deferred.getClass().getName() + " failed; using the default wait", ex);
		}
		return null;
	}

}
