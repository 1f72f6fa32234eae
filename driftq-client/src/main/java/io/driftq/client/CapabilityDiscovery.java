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

package io.driftq.client;

import io.driftq.client.HttpTransport.Answer;
import io.driftq.client.exception.DriftqUnavailableException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Reads {@code GET /v1/config} once, the first time a caller needs it, and keeps the
 * answer. A server without the endpoint (404, or any other 4xx) is taken to be the pinned
 * one and described by {@link DriftqServerCapabilities#PINNED_SERVER}; that answer is
 * kept too. A server that cannot be reached or answers 5xx is asked again next time:
 * nothing is cached from a failure.
 */
final class CapabilityDiscovery {

	private static final Logger logger = LoggerFactory.getLogger(CapabilityDiscovery.class);

	private final HttpTransport transport;

	private volatile @Nullable DriftqServerCapabilities known;

	CapabilityDiscovery(HttpTransport transport) {
		this.transport = transport;
	}

	/**
	 * The server's capabilities, discovered on the first call.
	 * @throws DriftqUnavailableException when the server cannot be asked now
	 */
	DriftqServerCapabilities get() {
		DriftqServerCapabilities capabilities = this.known;
		if (capabilities != null) {
			return capabilities;
		}
		synchronized (this) {
			if (this.known == null) {
				this.known = discover();
			}
			return this.known;
		}
	}

	/**
	 * The capabilities if already discovered, else {@code null}; never asks the server.
	 */
	@Nullable DriftqServerCapabilities known() {
		return this.known;
	}

	/** The server refused {@code /v1/ack-cumulative} as unknown: stop using it. */
	synchronized void cumulativeAckUnavailable() {
		DriftqServerCapabilities capabilities = this.known;
		if (capabilities != null && capabilities.supportsCumulativeAck()) {
			logger.info("DriftQ server at {} has no /v1/ack-cumulative after all; acking per offset",
					this.transport.baseUri());
			this.known = capabilities.withoutCumulativeAck();
		}
	}

	private DriftqServerCapabilities discover() {
		Answer answer = this.transport.get("v1/config");
		if (answer.status() >= 500) {
			throw HttpTransport.failure("read server config", answer.status(), answer.body());
		}
		if (answer.status() != 200) {
			logger.debug("DriftQ server at {} has no /v1/config (HTTP {}): using the pinned server's limits",
					this.transport.baseUri(), answer.status());
			return DriftqServerCapabilities.PINNED_SERVER;
		}
		try {
			WireFormat.ConfigBody config = WireFormat.MAPPER.readValue(answer.body(), WireFormat.ConfigBody.class);
			DriftqServerCapabilities pinned = DriftqServerCapabilities.PINNED_SERVER;
			DriftqServerCapabilities capabilities = new DriftqServerCapabilities(
					DriftqServerCapabilities.Source.SERVER_CONFIG,
					orElse(config.maxPartitionMsgs(), pinned.maxPartitionMessages()),
					orElse(config.maxPartitionBytes(), pinned.maxPartitionBytes()),
					orElse(config.maxInflight(), pinned.maxInflight()), true, config.walSyncInterval());
			logger.debug("DriftQ server at {}: {}", this.transport.baseUri(), capabilities);
			return capabilities;
		}
		catch (JacksonException ex) {
			logger.warn("DriftQ server at {} answered /v1/config with a body the client cannot read ({}); using the "
					+ "pinned server's limits", this.transport.baseUri(), ex.getOriginalMessage());
			return DriftqServerCapabilities.PINNED_SERVER;
		}
	}

	/**
	 * A figure the server left out is taken from the pinned server, the smaller and
	 * therefore safer one.
	 */
	private static int orElse(@Nullable Integer value, int fallback) {
		return (value != null) ? value : fallback;
	}

}
