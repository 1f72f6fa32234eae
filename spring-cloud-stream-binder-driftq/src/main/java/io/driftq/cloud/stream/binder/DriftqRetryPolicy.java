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

import java.time.Duration;
import java.util.Map;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.backoff.BackOff;

/**
 * The binding's in-process retry policy (Spring Cloud Stream's, from
 * {@code max-attempts}, {@code back-off-*}, {@code retryable-exceptions} or a
 * {@code @StreamRetryTemplate}) with two exceptions of its own: a deferred exception is
 * never retried in process (it is held or re-published instead, see
 * {@link DeferredExceptions}), and a conversion failure is never retried (the payload
 * stays what it is) unless {@code retryable-exceptions} says so. The policy decides on
 * the handler's own exception rather than Spring Integration's wrapper.
 */
final class DriftqRetryPolicy implements RetryPolicy {

	private final RetryPolicy delegate;

	private final DeferredExceptions deferred;

	private final Map<Class<? extends Throwable>, Boolean> retryableExceptions;

	DriftqRetryPolicy(RetryPolicy delegate, DeferredExceptions deferred,
			Map<Class<? extends Throwable>, Boolean> retryableExceptions) {
		this.delegate = delegate;
		this.deferred = deferred;
		this.retryableExceptions = retryableExceptions;
	}

	@Override
	public boolean shouldRetry(Throwable failure) {
		if (this.deferred.matches(failure)) {
			return false;
		}
		if (FailureReasons.isConversionFailure(failure) && !configuredRetryable(failure)) {
			return false;
		}
		return this.delegate.shouldRetry(FailureReasons.unwrap(failure));
	}

	/**
	 * Whether another attempt may help: what {@link #shouldRetry} answers, ignoring
	 * deferral.
	 */
	boolean isRetryable(Throwable failure) {
		if (FailureReasons.isConversionFailure(failure) && !configuredRetryable(failure)) {
			return false;
		}
		return this.delegate.shouldRetry(FailureReasons.unwrap(failure));
	}

	private boolean configuredRetryable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			for (Map.Entry<Class<? extends Throwable>, Boolean> entry : this.retryableExceptions.entrySet()) {
				if (entry.getKey().isInstance(cause) && Boolean.TRUE.equals(entry.getValue())) {
					return true;
				}
			}
		}
		return false;
	}

	@Override
	public Duration getTimeout() {
		return this.delegate.getTimeout();
	}

	@Override
	public BackOff getBackOff() {
		return this.delegate.getBackOff();
	}

}
