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
import io.driftq.client.exception.DriftqException;
import io.driftq.client.exception.DriftqSettledElsewhereException;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.cloud.stream.binder.health.DriftqBindingStates;
import io.driftq.cloud.stream.binder.metrics.DriftqBinderMetrics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Sends one binding's acks and nacks and counts them. "Settled elsewhere" answers (lease
 * lost, not owner, not in flight) are counted and logged, never thrown; other failures
 * are logged: the message comes back after its lease. Either way the message has left
 * this binding, which its state records.
 */
final class DriftqSettler {

	private static final Log logger = LogFactory.getLog(DriftqSettler.class);

	private final DriftqClient client;

	private final DriftqBinderMetrics metrics;

	private final String topic;

	private final String group;

	private final DriftqBindingStates.ConsumerState state;

	DriftqSettler(DriftqClient client, DriftqBinderMetrics metrics, String topic, String group,
			DriftqBindingStates.ConsumerState state) {
		this.state = state;
		this.client = client;
		this.metrics = metrics;
		this.topic = topic;
		this.group = group;
	}

	void ack(ConsumedMessage consumed) {
		try {
			this.client.ack(consumed);
			count("acked");
		}
		catch (DriftqException ex) {
			failed(consumed, "ack", ex);
		}
		finally {
			this.state.settled();
		}
	}

	void nack(ConsumedMessage consumed, String reason) {
		try {
			this.client.nack(consumed, FailureReasons.cap(reason));
			count("nacked");
		}
		catch (DriftqException ex) {
			failed(consumed, "nack", ex);
		}
		finally {
			this.state.settled();
		}
	}

	private void failed(ConsumedMessage consumed, String what, DriftqException ex) {
		if (ex instanceof DriftqSettledElsewhereException) {
			count("lease_lost");
			logger.warn("DriftQ message " + consumed + " was settled elsewhere (lease lost): " + ex.getMessage());
		}
		else {
			logger.warn("Could not " + what + " DriftQ message " + consumed
					+ "; it will be redelivered after its lease: " + ex.getMessage());
		}
	}

	private void count(String event) {
		this.metrics.consumerEvent(event, this.topic, this.group);
	}

}
