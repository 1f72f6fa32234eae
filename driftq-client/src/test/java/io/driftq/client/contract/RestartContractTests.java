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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.SubscriptionListener;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What survives a broker restart on the same WAL, and how a subscription rides through
 * one.
 */
@DriftqServerTest
class RestartContractTests {

	private DriftqServer server;

	private DriftqClient client;

	@BeforeEach
	void setUp(DriftqServer server) {
		this.server = server;
		this.client = DriftqClient.builder(server.baseUrl()).build();
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	/**
	 * Acked messages are not redelivered after a restart; unacked ones are, starting
	 * again at attempts 1. Fact 16: empty topics vanish, and a topic's partition count
	 * becomes (highest partition holding a message) + 1.
	 */
	@Test
	void restartKeepsAckedStateAndForgetsEmptyTopicsAndPartitionCounts() throws Exception {
		String topic = "restart-" + UUID.randomUUID();
		String empty = "empty-" + UUID.randomUUID();
		this.client.createTopic(topic, 4);
		this.client.createTopic(empty, 2);
		for (int i = 0; i < 4; i++) {
			this.client.produce(topic, null, "m" + i);
		}
		ConsumeOptions options = ConsumeOptions.builder(topic, "g").lease(Duration.ofSeconds(60)).build();
		try (ConsumeSubscription subscription = this.client.subscribe(options)) {
			ConsumedMessage first = subscription.poll(Duration.ofSeconds(10));
			assertThat(first).isNotNull();
			this.client.ack(first);
			assertThat(first.value()).isEqualTo("m0");
			ConsumedMessage second = subscription.poll(Duration.ofSeconds(10));
			assertThat(second).isNotNull();
			assertThat(second.value()).isEqualTo("m1");
			// m1 stays unacked across the restart.
		}
		this.server.restart();
		assertThat(this.client.listTopics()).contains(topic).doesNotContain(empty);
		try (Received r = new Received(this.client.subscribe(ConsumeOptions.builder(topic, "g").build()),
				this.client::ack)) {
			await().atMost(Duration.ofSeconds(15))
				.until(() -> r.values().containsAll(java.util.List.of("m1", "m2", "m3")));
			assertThat(r.values()).doesNotContain("m0");
			assertThat(r.messages()).filteredOn((m) -> m.value().equals("m1"))
				.first()
				.extracting(ConsumedMessage::attempts)
				.isEqualTo(1);
		}
		// All messages were keyless, so only partition 0 holds data: the topic comes back
		// with 1 partition.
		var badPartition = new RawHttp(this.server.baseUrl()).post("/v1/ack",
				"{\"topic\":\"%s\",\"group\":\"g\",\"owner\":\"o\",\"partition\":1,\"offset\":0}".formatted(topic));
		assertThat(badPartition.body()).contains("partition out of range");
	}

	/**
	 * Fact 7: the committed offset is a high-water mark. Acking offset n+1 while n is in
	 * flight, then restarting, loses n for the group: it is never delivered again.
	 */
	@Test
	void ackingOutOfOrderThenRestartingSkipsTheUnackedMessage() throws Exception {
		String topic = "hwm-" + UUID.randomUUID();
		this.client.createTopic(topic, 1);
		this.client.produce(topic, null, "n");
		this.client.produce(topic, null, "n+1");
		this.client.produce(topic, null, "n+2");
		ConsumeOptions options = ConsumeOptions.builder(topic, "g").lease(Duration.ofSeconds(60)).build();
		try (ConsumeSubscription subscription = this.client.subscribe(options)) {
			ConsumedMessage n = subscription.poll(Duration.ofSeconds(10));
			ConsumedMessage next = subscription.poll(Duration.ofSeconds(10));
			assertThat(n.value()).isEqualTo("n");
			assertThat(next.value()).isEqualTo("n+1");
			this.client.ack(next);
		}
		this.server.restart();
		try (Received r = new Received(this.client.subscribe(ConsumeOptions.builder(topic, "g").build()),
				this.client::ack)) {
			await().atMost(Duration.ofSeconds(15)).until(() -> r.values().contains("n+2"));
			assertThat(r.values()).containsExactly("n+2");
		}
	}

	/**
	 * A subscription rides through a kill -9 and restart: it reports the disconnect,
	 * reconnects with backoff and receives what was produced after the restart; the topic
	 * is re-created on the fly when it vanished.
	 */
	@Test
	void subscriptionReconnectsAfterTheServerIsKilledAndRestarted() {
		String topic = "reconnect-" + UUID.randomUUID();
		this.client.createTopic(topic, 1);
		var disconnects = new AtomicInteger();
		var missing = new AtomicInteger();
		try (Received r = new Received(this.client.subscribe(fastReconnect(topic), counting(disconnects, missing)),
				this.client::ack)) {
			this.client.produce(topic, null, "before");
			await().atMost(Duration.ofSeconds(10)).until(() -> r.values().contains("before"));
			this.server.kill();
			await().atMost(Duration.ofSeconds(10)).until(() -> disconnects.get() >= 1);
			this.server.restart();
			// The topic held a message, so it survives the restart.
			this.client.produce(topic, null, "after");
			await().atMost(Duration.ofSeconds(15)).until(() -> r.values().contains("after"));
			assertThat(r.subscription().reconnects()).isGreaterThanOrEqualTo(1);
			assertThat(missing.get()).isZero();
		}
	}

	/**
	 * An empty topic vanishes in a restart; a subscription that owns it creates it again
	 * and keeps consuming.
	 */
	@Test
	void subscriptionRecreatesItsTopicWhenARestartDroppedIt() {
		String topic = "vanishing-" + UUID.randomUUID();
		this.client.createTopic(topic, 1);
		var missing = new AtomicInteger();
		try (Received r = new Received(
				this.client.subscribe(fastReconnect(topic), counting(new AtomicInteger(), missing)),
				this.client::ack)) {
			this.server.restart();
			await().atMost(Duration.ofSeconds(15)).until(() -> missing.get() >= 1);
			await().atMost(Duration.ofSeconds(15)).until(() -> this.client.listTopics().contains(topic));
			this.client.produce(topic, null, "after");
			await().atMost(Duration.ofSeconds(15)).until(() -> r.values().contains("after"));
		}
	}

	private static ConsumeOptions fastReconnect(String topic) {
		return ConsumeOptions.builder(topic, "g")
			.backoff(Duration.ofMillis(50), Duration.ofMillis(500))
			.createTopicPartitions(1)
			.build();
	}

	private static SubscriptionListener counting(AtomicInteger disconnects, AtomicInteger missing) {
		return new SubscriptionListener() {
			@Override
			public void onDisconnected(Throwable cause) {
				disconnects.incrementAndGet();
			}

			@Override
			public void onTopicMissing(String topic) {
				missing.incrementAndGet();
			}
		};
	}

}
