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

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * The context of a DriftQ producer observation: one send of a producer binding (a
 * function's output or {@code StreamBridge.send}). Its carrier collects the trace context
 * headers the tracing handler injects ({@code traceparent}, {@code tracestate},
 * {@code baggage}, ...); they travel inside the value with the binding's embedded
 * headers.
 */
public class DriftqSenderContext extends SenderContext<Map<String, String>> {

	private final String destination;

	private final String bindingName;

	private final boolean messageKeyObserved;

	private @Nullable String messageKey;

	private @Nullable Integer partition;

	/**
	 * @param destination the topic
	 * @param bindingName the producer binding
	 * @param messageKeyObserved whether the message key may be an observation key
	 * ({@code spring.cloud.stream.driftq.binder.observation-message-key})
	 */
	public DriftqSenderContext(String destination, String bindingName, boolean messageKeyObserved) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		});
		setCarrier(new LinkedHashMap<>());
		setRemoteServiceName("driftq");
		this.destination = destination;
		this.bindingName = bindingName;
		this.messageKeyObserved = messageKeyObserved;
	}

	public String getDestination() {
		return this.destination;
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

	/** The DriftQ message key, once the message is mapped ({@code null} without one). */
	public @Nullable String getMessageKey() {
		return this.messageKey;
	}

	public void setMessageKey(@Nullable String messageKey) {
		this.messageKey = messageKey;
	}

	/**
	 * The partition the send asks for ({@code driftq_partition_override}), {@code null}
	 * when DriftQ picks it.
	 */
	public @Nullable Integer getPartition() {
		return this.partition;
	}

	public void setPartition(@Nullable Integer partition) {
		this.partition = partition;
	}

}
