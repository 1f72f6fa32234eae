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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How messages are distributed: the in-flight cap, owners and groups, where a new group
 * starts, partitioning, and redelivery when a consumer goes away.
 */
@DriftqServerTest
class DeliveryContractTests {

	private DriftqClient client;

	private String topic;

	@BeforeEach
	void setUp(DriftqServer server) {
		this.client = DriftqClient.builder(server.baseUrl()).build();
		this.topic = "delivery-" + UUID.randomUUID();
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	/**
	 * Fact 3: at most 2 unacked messages per (topic, group, partition), shared by the
	 * whole group; each ack lets exactly one more through.
	 */
	@Test
	void atMostTwoUnackedMessagesPerPartitionAcrossTheGroup() {
		this.client.createTopic(this.topic, 1);
		for (int i = 0; i < 6; i++) {
			this.client.produce(this.topic, null, "m" + i);
		}
		ConsumeOptions first = ConsumeOptions.builder(this.topic, "g").lease(Duration.ofSeconds(60)).build();
		ConsumeOptions second = ConsumeOptions.builder(this.topic, "g").lease(Duration.ofSeconds(60)).build();
		try (Received a = Received.of(this.client.subscribe(first));
				Received b = Received.of(this.client.subscribe(second))) {
			await().atMost(Duration.ofSeconds(10)).until(() -> a.size() + b.size() >= 2);
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> a.size() + b.size() == 2);
			ConsumedMessage done = !a.messages().isEmpty() ? a.messages().get(0) : b.messages().get(0);
			this.client.ack(done);
			await().atMost(Duration.ofSeconds(10)).until(() -> a.size() + b.size() == 3);
			await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> a.size() + b.size() == 3);
		}
	}

	/**
	 * Fact 4: no partition assignment; a group's streams share one partition's messages
	 * round-robin. Fact 5: offsets are unique per topic, not per partition.
	 */
	@Test
	void streamsOfOneGroupShareAPartitionRoundRobin() {
		this.client.createTopic(this.topic, 1);
		try (Received a = new Received(this.client.subscribe(ConsumeOptions.builder(this.topic, "g").build()),
				this.client::ack);
				Received b = new Received(this.client.subscribe(ConsumeOptions.builder(this.topic, "g").build()),
						this.client::ack)) {
			// Keep producing until both streams have had messages of the one partition
			// (the server gives no
			// signal that a stream has registered, so the first few may all go to
			// whichever registered first).
			int produced = 0;
			while ((a.size() == 0 || b.size() == 0) && produced < 500) {
				this.client.produce(this.topic, null, "m" + produced++);
				int sent = produced;
				await().atMost(Duration.ofSeconds(10)).until(() -> a.size() + b.size() >= sent);
			}
			assertThat(a.size()).isPositive();
			assertThat(b.size()).isPositive();
			List<ConsumedMessage> all = concat(a, b);
			assertThat(all.stream().map(ConsumedMessage::value).distinct()).hasSize(produced);
			assertThat(all).hasSize(produced);
			assertThat(all.stream().map(ConsumedMessage::offset).distinct()).hasSize(produced);
		}
	}

	/**
	 * Two groups each receive every message; fact 6: a new group starts at the earliest
	 * message.
	 */
	@Test
	void everyGroupReceivesEveryMessageAndANewGroupReplaysHistory() {
		this.client.createTopic(this.topic, 2);
		for (int i = 0; i < 10; i++) {
			this.client.produce(this.topic, "k" + i, "m" + i);
		}
		try (Received g1 = new Received(this.client.subscribe(ConsumeOptions.builder(this.topic, "g1").build()),
				this.client::ack)) {
			await().atMost(Duration.ofSeconds(20)).until(() -> g1.size() >= 10);
		}
		try (Received g2 = new Received(this.client.subscribe(ConsumeOptions.builder(this.topic, "g2").build()),
				this.client::ack)) {
			await().atMost(Duration.ofSeconds(20)).until(() -> g2.size() >= 10);
			assertThat(g2.values()).containsExactlyInAnyOrderElementsOf(
					java.util.stream.IntStream.range(0, 10).mapToObj((i) -> "m" + i).toList());
		}
	}

	/**
	 * Facts 5 and 19: keyless messages land in partition 0; keyed ones in FNV-1a-32(key)
	 * mod N; offsets come from one counter per topic.
	 */
	@Test
	void keylessMessagesGoToPartitionZeroAndKeysHashWithFnv1a() {
		this.client.createTopic(this.topic, 4);
		List<String> keys = List.of("", "alpha", "beta", "gamma", "delta", "order-42", "payment-7");
		for (String key : keys) {
			this.client.produce(this.topic, key.isEmpty() ? null : key, "v-" + key);
		}
		try (Received r = new Received(this.client.subscribe(ConsumeOptions.builder(this.topic, "g").build()),
				this.client::ack)) {
			await().atMost(Duration.ofSeconds(20)).until(() -> r.size() >= keys.size());
			for (ConsumedMessage message : r.messages()) {
				int expected = message.key().isEmpty() ? 0 : Integer.remainderUnsigned(fnv1a32(message.key()), 4);
				assertThat(message.partition()).as("partition of key '%s'", message.key()).isEqualTo(expected);
			}
			assertThat(r.messages().stream().map(ConsumedMessage::offset).sorted().toList())
				.isEqualTo(java.util.stream.LongStream.range(0, keys.size()).boxed().toList());
		}
	}

	/**
	 * A consumer that dies before acking: its message is redelivered to another owner of
	 * the group after the lease, with attempts 2 and last_error "ack_timeout" (fact 8:
	 * the owner without an open stream gets 2 s even though it asked for a 60 s lease).
	 */
	@Test
	void messageOfAConsumerThatDiedBeforeAckIsRedeliveredAfterTheShortLease() throws Exception {
		this.client.createTopic(this.topic, 1);
		this.client.produce(this.topic, null, "work");
		ConsumeOptions dying = ConsumeOptions.builder(this.topic, "g").lease(Duration.ofSeconds(60)).build();
		try (var subscription = this.client.subscribe(dying)) {
			ConsumedMessage first = null;
			long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (first == null && System.nanoTime() < until) {
				first = subscription.poll(Duration.ofMillis(200));
			}
			assertThat(first).isNotNull();
			assertThat(first.attempts()).isEqualTo(1);
			assertThat(first.lastError()).isEmpty();
		}
		long closedAt = System.nanoTime();
		try (Received survivor = new Received(
				this.client.subscribe(ConsumeOptions.builder(this.topic, "g").lease(Duration.ofSeconds(60)).build()),
				this.client::ack)) {
			await().atMost(Duration.ofSeconds(15)).until(() -> survivor.size() >= 1);
			long waitedMillis = Duration.ofNanos(System.nanoTime() - closedAt).toMillis();
			ConsumedMessage again = survivor.messages().get(0);
			assertThat(again.value()).isEqualTo("work");
			assertThat(again.attempts()).isEqualTo(2);
			assertThat(again.lastError()).isEqualTo("ack_timeout");
			assertThat(waitedMillis).isLessThan(15_000);
		}
	}

	private static List<ConsumedMessage> concat(Received a, Received b) {
		return java.util.stream.Stream.concat(a.messages().stream(), b.messages().stream())
			.collect(Collectors.toList());
	}

	static int fnv1a32(String key) {
		int hash = 0x811c9dc5;
		for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
			hash ^= (b & 0xff);
			hash *= 0x01000193;
		}
		return hash;
	}

}
