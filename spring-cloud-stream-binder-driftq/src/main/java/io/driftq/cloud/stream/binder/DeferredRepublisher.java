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

import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.cloud.stream.binder.metrics.DriftqBinderMetrics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Re-publishes a deferred message whose wait would outlast its lease to the end of its
 * topic: same key, value and envelope, on its own partition, so that it comes back later
 * as a fresh delivery (a new delivery count) without spending its budget; the caller then
 * acks the original. DriftQ drops a produce with an idempotency key it has seen and skips
 * a key a group has acked, so the copy's idempotency key, when set, is suffixed
 * {@code #deferred-<offset>-<n>}.
 */
final class DeferredRepublisher {

	private static final Log logger = LogFactory.getLog(DeferredRepublisher.class);

	private final DriftqClient client;

	private final DriftqBinderMetrics metrics;

	DeferredRepublisher(DriftqClient client, DriftqBinderMetrics metrics) {
		this.client = client;
		this.metrics = metrics;
	}

	/**
	 * @param consumed the deferred message
	 * @param deferral how many times this delivery was deferred (part of the idempotency
	 * key)
	 * @return whether the copy was written
	 */
	boolean republish(ConsumedMessage consumed, int deferral) {
		Envelope original = consumed.envelopeOrEmpty();
		String idempotencyKey = (original.idempotencyKey() != null)
				? original.idempotencyKey() + "#deferred-" + consumed.offset() + "-" + deferral : null;
		Envelope envelope = original.toBuilder()
			.idempotencyKey(idempotencyKey)
			.targetTopic(null)
			.partitionOverride(consumed.partition())
			.build();
		long start = System.nanoTime();
		boolean written = false;
		try {
			this.client.produce(new ProduceRequest(consumed.topic(), consumed.key().isEmpty() ? null : consumed.key(),
					consumed.value(), envelope));
			written = true;
			logger.info("Deferred " + consumed + " for longer than its lease: re-published to the end of its topic");
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("Could not re-publish deferred " + consumed + "; it is nacked after the wait instead (one"
					+ " delivery of its budget): " + ex.getMessage());
			return false;
		}
		finally {
			// the binder's own writes count in driftq.binder.produce, told apart from the
			// application's sends
			this.metrics.produced(consumed.topic(), DriftqBinderMetrics.REPUBLISH, System.nanoTime() - start, written);
		}
	}

}
