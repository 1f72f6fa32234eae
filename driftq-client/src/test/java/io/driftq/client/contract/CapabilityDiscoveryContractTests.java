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

package io.driftq.client.contract;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.DriftqClient;
import io.driftq.client.DriftqServerCapabilities;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Capability discovery on the pinned server: it has no {@code GET /v1/config} and no
 * {@code POST /v1/ack-cumulative}, so the client falls back to the limits the other
 * contract tests observe on it (facts 3 and 12 of docs/driftq-behaviour.md) and acks
 * batches per offset. The newer server's answers are covered by
 * {@code Driftq13ContractTests}.
 */
@DriftqServerTest
class CapabilityDiscoveryContractTests {

	private DriftqClient client;

	private RawHttp raw;

	private String topic;

	@BeforeEach
	void setUp(DriftqServer server) {
		this.client = DriftqClient.builder(server.baseUrl()).build();
		this.raw = new RawHttp(server.baseUrl());
		this.topic = "caps-" + UUID.randomUUID();
		this.client.createTopic(this.topic, 1);
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	@Test
	void pinnedServerHasNoConfigOrCumulativeAckEndpoint() {
		assertThat(this.raw.get("/v1/config").statusCode()).isEqualTo(404);
		String ack = "{\"topic\":\"%s\",\"group\":\"g\",\"owner\":\"o\",\"partition\":0,\"offset\":0}";
		assertThat(this.raw.post("/v1/ack-cumulative", ack.formatted(this.topic)).statusCode()).isEqualTo(404);
	}

	@Test
	void discoveryFallsBackToThePinnedServersLimits() {
		DriftqServerCapabilities capabilities = this.client.capabilities();
		assertThat(capabilities).isEqualTo(DriftqServerCapabilities.PINNED_SERVER);
		assertThat(capabilities.source()).isEqualTo(DriftqServerCapabilities.Source.PINNED_SERVER_DEFAULTS);
		assertThat(capabilities.maxKeyAndValueBytes()).isEqualTo(65_535);
		assertThat(capabilities.maxPartitionMessages()).isEqualTo(100);
		assertThat(capabilities.maxInflight()).isEqualTo(2);
		assertThat(capabilities.supportsCumulativeAck()).isFalse();
		// the fallback limit is the server's real one: 65 535 bytes into an empty
		// partition go through
		this.client.produce(this.topic, null, "x".repeat(65_535));
	}

	/**
	 * A batch acked with {@code ackAll} on the pinned server is acked per offset: the two
	 * messages in flight (fact 3) are acked, the next two are delivered, and once those
	 * are acked too the group has nothing left.
	 */
	@Test
	void ackAllAcksPerOffsetOnThePinnedServer() throws InterruptedException {
		for (int i = 0; i < 4; i++) {
			this.client.produce(this.topic, null, "m" + i);
		}
		ConsumeOptions options = ConsumeOptions.builder(this.topic, "g").lease(Duration.ofSeconds(30)).build();
		try (var subscription = this.client.subscribe(options)) {
			List<ConsumedMessage> first = take(subscription, 2);
			assertThat(first).extracting(ConsumedMessage::offset).containsExactly(0L, 1L);
			this.client.ackAll(first);
			List<ConsumedMessage> second = take(subscription, 2);
			assertThat(second).extracting(ConsumedMessage::value).containsExactly("m2", "m3");
			this.client.ackAll(second);
		}
		try (Received again = Received.of(this.client.subscribe(ConsumeOptions.builder(this.topic, "g").build()))) {
			await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> again.size() == 0);
		}
	}

	private static List<ConsumedMessage> take(io.driftq.client.ConsumeSubscription subscription, int count)
			throws InterruptedException {
		List<ConsumedMessage> taken = new java.util.ArrayList<>();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (taken.size() < count && System.nanoTime() < deadline) {
			ConsumedMessage message = subscription.poll(Duration.ofMillis(200));
			if (message != null) {
				taken.add(message);
			}
		}
		assertThat(taken).hasSize(count);
		return taken;
	}

}
