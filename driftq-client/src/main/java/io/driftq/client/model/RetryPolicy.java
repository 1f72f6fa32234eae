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

package io.driftq.client.model;

/**
 * Broker-side retry policy carried in a message's envelope.
 * <p>
 * DriftQ delivers a message at most {@code maxAttempts} times; the next nack or lease
 * expiry moves it to the {@code dlq.<topic>} topic. Without a policy (or with
 * {@code maxAttempts = 0}) redelivery never stops. The backoff only spaces redeliveries
 * caused by lease expiry: a nack is redelivered at once.
 *
 * @param maxAttempts deliveries before the message is dead-lettered ({@code 0} =
 * unlimited)
 * @param backoffMs base backoff between lease-expiry redeliveries, in milliseconds
 * @param maxBackoffMs cap of the exponential backoff, in milliseconds
 */
public record RetryPolicy(int maxAttempts, long backoffMs, long maxBackoffMs) {

	public RetryPolicy {
		if (maxAttempts < 0 || backoffMs < 0 || maxBackoffMs < 0) {
			throw new IllegalArgumentException(
					"retry policy values must not be negative: " + maxAttempts + "/" + backoffMs + "/" + maxBackoffMs);
		}
	}

	/**
	 * A policy with the given attempts and no backoff.
	 * @param maxAttempts deliveries before the message is dead-lettered
	 * @return the policy
	 */
	public static RetryPolicy maxAttempts(int maxAttempts) {
		return new RetryPolicy(maxAttempts, 0, 0);
	}

}
