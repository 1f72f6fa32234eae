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

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.driftq.client.Driftq13Server.Received;
import io.driftq.client.Driftq13Server.Reply;
import io.driftq.client.model.ConsumedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests of {@link Settlements}' memory of acked offsets, against the in-JVM
 * {@link Driftq13Server}.
 */
class SettlementsTests {

	private Driftq13Server server;

	private HttpTransport transport;

	private CapabilityDiscovery discovery;

	@BeforeEach
	void setUp() {
		this.server = new Driftq13Server();
		this.transport = new HttpTransport(URI.create(this.server.baseUrl() + "/"), Duration.ofSeconds(2),
				Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(3), 4);
		this.discovery = new CapabilityDiscovery(this.transport);
	}

	@AfterEach
	void tearDown() {
		this.transport.close();
		this.server.close();
	}

	/**
	 * Forgetting the least recently acked partition is safe: its next batch is acked per
	 * offset.
	 */
	@Test
	void theTableOfAckedOffsetsIsBounded() {
		Settlements settlements = new Settlements(this.transport, this.discovery, 2);
		settlements.ack("a", "g", "o", 0, 0);
		settlements.ack("b", "g", "o", 0, 0);
		settlements.ack("c", "g", "o", 0, 0);
		assertThat(settlements.trackedPartitions()).isEqualTo(2);
		settlements.ackAll(List.of(message("a", 1), message("a", 2)));
		settlements.ackAll(List.of(message("c", 1), message("c", 2)));
		assertThat(this.server.received("/v1/ack-cumulative")).extracting(Received::body)
			.containsExactly("{\"topic\":\"c\",\"group\":\"g\",\"owner\":\"o\",\"partition\":0,\"offset\":2}");
		assertThat(this.server.received("/v1/ack")).hasSize(5);
	}

	/**
	 * The group's committed offset is what counts: another owner's ack of the previous
	 * offset continues the run.
	 */
	@Test
	void aRunContinuesAcrossOwnersOfTheGroup() {
		Settlements settlements = new Settlements(this.transport, this.discovery);
		settlements.ack("a", "g", "other-owner", 0, 0);
		settlements.ackAll(List.of(message("a", 1), message("a", 2)));
		assertThat(this.server.received("/v1/ack-cumulative")).hasSize(1);
	}

	@Test
	void nothingIsRememberedForAServerWithoutCumulativeAck() {
		this.server.always("/v1/config", Reply.of(404, "404 page not found"));
		assertThat(this.discovery.get()).isEqualTo(DriftqServerCapabilities.PINNED_SERVER);
		Settlements settlements = new Settlements(this.transport, this.discovery);
		settlements.ack("a", "g", "o", 0, 0);
		settlements.ackAll(List.of(message("a", 1), message("a", 2)));
		assertThat(settlements.trackedPartitions()).isZero();
		assertThat(this.server.received("/v1/ack-cumulative")).isEmpty();
		assertThat(this.server.received("/v1/ack")).hasSize(3);
	}

	@Test
	void aServerErrorOnConfigIsNotKept() {
		this.server.then("/v1/config", Reply.of(503, "{\"error\":\"UNAVAILABLE\",\"message\":\"starting\"}"));
		org.assertj.core.api.Assertions
			.assertThatExceptionOfType(io.driftq.client.exception.DriftqUnavailableException.class)
			.isThrownBy(this.discovery::get);
		assertThat(this.discovery.known()).isNull();
		assertThat(this.discovery.get().source()).isEqualTo(DriftqServerCapabilities.Source.SERVER_CONFIG);
		assertThat(this.server.received("/v1/config")).hasSize(2);
	}

	private static ConsumedMessage message(String topic, long offset) {
		return new ConsumedMessage(topic, "g", "o", 0, offset, 1, "", "v", "", null, null);
	}

}
