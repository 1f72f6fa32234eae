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

package io.driftq.demo.worker;

/**
 * A payment provider that, like Stripe, dedupes charges by an idempotency key: a repeated
 * request with the same key returns the first charge instead of charging again.
 */
public interface PaymentGateway {

	/**
	 * Charges once per idempotency key.
	 * @param idempotencyKey the key the provider dedupes on
	 * @param businessKey the order / payment intent
	 * @param amount the amount
	 * @return the charge id (the same one for the same key)
	 */
	String charge(String idempotencyKey, String businessKey, double amount);

}
