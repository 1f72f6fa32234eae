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

import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.RetryPolicy;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;

/**
 * A message's budget: the deliveries it may use before it is dead-lettered. DriftQ counts
 * every delivery in {@code attempts}; the budget is the envelope's
 * {@code retry_policy.max_attempts} (set by the producer), or the binding's
 * {@code max-deliveries} for a message without one. The in-process attempts run inside
 * one delivery and do not count.
 */
final class DeliveryBudget {

	private DeliveryBudget() {
	}

	/** The deliveries {@code consumed} may use. */
	static int of(ConsumedMessage consumed, DriftqConsumerProperties properties) {
		RetryPolicy policy = consumed.envelopeOrEmpty().retryPolicy();
		return (policy != null && policy.maxAttempts() > 0) ? policy.maxAttempts()
				: Math.max(1, properties.getMaxDeliveries());
	}

	/**
	 * Whether this delivery is the last the budget allows: a failure now is dead-lettered
	 * rather than nacked.
	 */
	static boolean isSpent(ConsumedMessage consumed, DriftqConsumerProperties properties) {
		return consumed.attempts() >= of(consumed, properties);
	}

}
