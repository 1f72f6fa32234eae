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

package io.driftq.cloud.stream.binder.observation;

import io.driftq.client.model.ConsumedMessage;
import io.micrometer.observation.transport.ReceiverContext;

import org.springframework.messaging.Message;

/**
 * The context of a DriftQ consumer observation: one delivery to a push consumer binding,
 * from its arrival to its settlement (the handler, the in-process retries, the error
 * channel), or one delivery a polled binding hands out, from {@code receive()} to its
 * settlement. The tracing handler extracts the trace context from the message's headers
 * (restored from the embedded headers), so the consumer span is a child of the
 * producer's.
 */
public class DriftqReceiverContext extends ReceiverContext<Message<?>> {

	private final ConsumedMessage delivery;

	private final String bindingName;

	private final boolean messageKeyObserved;

	/**
	 * @param message the Spring message handed to the binding
	 * @param delivery the DriftQ delivery
	 * @param bindingName the consumer binding
	 * @param messageKeyObserved whether the message key may be an observation key
	 */
	public DriftqReceiverContext(Message<?> message, ConsumedMessage delivery, String bindingName,
			boolean messageKeyObserved) {
		super((carrier, key) -> {
			Object value = (carrier != null) ? carrier.getHeaders().get(key) : null;
			return (value != null) ? value.toString() : null;
		});
		setCarrier(message);
		setRemoteServiceName("driftq");
		this.delivery = delivery;
		this.bindingName = bindingName;
		this.messageKeyObserved = messageKeyObserved;
	}

	/** The DriftQ delivery: topic, group, partition, offset, attempts, key, envelope. */
	public ConsumedMessage getDelivery() {
		return this.delivery;
	}

	public String getBindingName() {
		return this.bindingName;
	}

	/**
	 * Whether the message key may be an observation key (off by default: keys can be
	 * business identifiers).
	 */
	public boolean isMessageKeyObserved() {
		return this.messageKeyObserved;
	}

}
