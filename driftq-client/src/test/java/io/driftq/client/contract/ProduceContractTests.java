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
import java.time.Instant;
import java.util.UUID;

import io.driftq.client.BackPressureListener;
import io.driftq.client.ConsumeOptions;
import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqInvalidArgumentException;
import io.driftq.client.exception.DriftqMessageTooLargeException;
import io.driftq.client.exception.DriftqOverloadedException;
import io.driftq.client.exception.DriftqTopicNotFoundException;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Produce: backpressure, the size limit, idempotency, the envelope's routing fields, and
 * bad inputs.
 */
@DriftqServerTest
class ProduceContractTests {

	private DriftqClient client;

	private RawHttp raw;

	private String topic;

	@BeforeEach
	void setUp(DriftqServer server) {
		this.client = DriftqClient.builder(server.baseUrl()).overloadRetries(0).build();
		this.raw = new RawHttp(server.baseUrl());
		this.topic = "produce-" + UUID.randomUUID();
		this.client.createTopic(this.topic, 1);
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	/**
	 * Fact 12: with no group ever acked, the 101st message of a partition gets 429
	 * RESOURCE_EXHAUSTED with Retry-After 1; once a group acks, room frees up and a
	 * client with retries gets through.
	 */
	@Test
	void fullPartitionAnswers429WithRetryAfterUntilAGroupAcks() {
		for (int i = 0; i < 100; i++) {
			this.client.produce(this.topic, null, "m" + i);
		}
		var refused = this.raw.post("/v1/produce",
				"{\"topic\":\"%s\",\"value\":\"one too many\"}".formatted(this.topic));
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(refused.body()).contains("RESOURCE_EXHAUSTED")
			.contains("partition_buffer_full")
			.contains("\"retry_after_ms\":1000");
		assertThatExceptionOfType(DriftqOverloadedException.class)
			.isThrownBy(() -> this.client.produce(this.topic, null, "one too many"))
			.satisfies((ex) -> {
				assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(1));
				assertThat(ex.getAttempts()).isEqualTo(1);
				assertThat(ex.isRetryable()).isTrue();
			});
		try (DriftqClient patient = DriftqClient.builder(baseUrl()).overloadRetries(10).build();
				Received r = new Received(this.client.subscribe(ConsumeOptions.builder(this.topic, "g").build()),
						this.client::ack)) {
			await().atMost(Duration.ofSeconds(20)).until(() -> r.size() >= 5);
			patient.produce(this.topic, null, "fits now");
		}
	}

	/**
	 * A produce bounded by time instead of a number of retries waits while the partition
	 * is full, tells its listener once, and goes through soon after a group acks (each
	 * wait at most 1 s).
	 */
	@Test
	void timeBoundedProduceWaitsForRoomAndGoesThroughOnceAGroupAcks() throws Exception {
		for (int i = 0; i < 100; i++) {
			this.client.produce(this.topic, null, "m" + i);
		}
		java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
		BackPressureListener listener = new BackPressureListener() {

			@Override
			public void blocked(String topic) {
				events.add("blocked " + topic);
			}

			@Override
			public void unblocked(String topic, Duration waited) {
				events.add("unblocked " + topic + " " + (waited.toMillis() >= 3000));
			}

		};
		java.util.concurrent.CompletableFuture<Void> produce = java.util.concurrent.CompletableFuture
			.runAsync(() -> this.client.produce(new ProduceRequest(this.topic, null, "waited", null),
					Duration.ofSeconds(60), listener));
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> !produce.isDone());
		assertThat(events).containsExactly("blocked " + this.topic);
		try (Received r = new Received(this.client.subscribe(ConsumeOptions.builder(this.topic, "g").build()),
				this.client::ack)) {
			produce.get(10, java.util.concurrent.TimeUnit.SECONDS);
		}
		assertThat(events).containsExactly("blocked " + this.topic, "unblocked " + this.topic + " true");
	}

	/**
	 * A produce bounded by time gives up when the partition is still full at the bound,
	 * saying how long it waited.
	 */
	@Test
	void timeBoundedProduceGivesUpAtItsBound() {
		for (int i = 0; i < 100; i++) {
			this.client.produce(this.topic, null, "m" + i);
		}
		long start = System.nanoTime();
		assertThatExceptionOfType(DriftqOverloadedException.class)
			.isThrownBy(() -> this.client.produce(new ProduceRequest(this.topic, null, "gives up", null),
					Duration.ofMillis(1500), BackPressureListener.NONE))
			.satisfies((ex) -> {
				assertThat(ex.getWaited()).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(5));
				assertThat(ex.getAttempts()).isGreaterThanOrEqualTo(2);
				assertThat(ex.getMessage()).startsWith("produce to '" + this.topic + "' failed: partition full for 1.");
			});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThatExceptionOfType(DriftqOverloadedException.class)
			.isThrownBy(() -> this.client.produce(new ProduceRequest(this.topic, null, "at once", null), Duration.ZERO,
					BackPressureListener.NONE))
			.satisfies((ex) -> assertThat(ex.getAttempts()).isEqualTo(1));
	}

	/**
	 * Fact 12: a message of 65 536 bytes or more (key + value) is refused with 429 on
	 * every try, so the client refuses it before sending; 65 535 bytes into an empty
	 * partition is accepted.
	 */
	@Test
	void messagesOf64KiBOrMoreAreRefusedForever() {
		String tooBig = "x".repeat(65_536 - 1);
		var refused = this.raw.post("/v1/produce",
				"{\"topic\":\"%s\",\"key\":\"k\",\"value\":\"%s\"}".formatted(this.topic, tooBig));
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.body()).contains("partition_buffer_bytes_full");
		assertThatExceptionOfType(DriftqMessageTooLargeException.class)
			.isThrownBy(() -> this.client.produce(this.topic, "k", tooBig))
			.satisfies((ex) -> assertThat(ex.getSize()).isEqualTo(65_536));
		this.client.produce(this.topic, "k", "x".repeat(65_535 - 1));
	}

	/**
	 * Fact 14: a duplicate (tenant, topic, idempotency key) is answered exactly like the
	 * original and dropped; another tenant with the same key is a different message.
	 */
	@Test
	void duplicateIdempotencyKeyIsAcceptedAndDropped() {
		Envelope keyed = Envelope.builder().idempotencyKey("order-1").tenantId("acme").build();
		this.client.produce(new ProduceRequest(this.topic, null, "first", keyed));
		var duplicate = this.raw.post("/v1/produce", """
				{"topic":"%s","value":"second","envelope":{"idempotency_key":"order-1","tenant_id":"acme"}}"""
			.formatted(this.topic));
		assertThat(duplicate.statusCode()).isEqualTo(200);
		assertThat(duplicate.body()).isEqualTo("{\"status\":\"produced\",\"topic\":\"%s\"}\n".formatted(this.topic));
		this.client.produce(
				new ProduceRequest(this.topic, null, "other tenant", keyed.toBuilder().tenantId("globex").build()));
		this.client.produce(this.topic, null, "marker");
		try (Received r = new Received(this.client.subscribe(ConsumeOptions.builder(this.topic, "g").build()),
				this.client::ack)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> r.values().contains("marker"));
			assertThat(r.values()).containsExactlyInAnyOrder("first", "other tenant", "marker");
		}
	}

	/**
	 * The envelope travels with the message; target_topic redirects it;
	 * partition_override picks the partition; a deadline in the past is refused.
	 */
	@Test
	void envelopeFieldsRoundTripAndRouteTheMessage() {
		String target = this.topic + "-target";
		this.client.createTopic(target, 3);
		Instant deadline = Instant.parse("2099-01-01T00:00:00Z");
		Envelope envelope = Envelope.builder()
			.runId("run-9")
			.stepId("charge")
			.parentStepId("start")
			.tenantId("t1")
			.targetTopic(target)
			.partitionOverride(2)
			.deadline(deadline)
			.retryPolicy(new io.driftq.client.model.RetryPolicy(3, 100, 1000))
			.build();
		this.client.produce(new ProduceRequest(this.topic, "k", "payload", envelope));
		try (Received r = new Received(this.client.subscribe(ConsumeOptions.builder(target, "g").build()),
				this.client::ack)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> r.size() >= 1);
			ConsumedMessage message = r.messages().get(0);
			assertThat(message.partition()).isEqualTo(2);
			assertThat(message.key()).isEqualTo("k");
			assertThat(message.envelope()).isEqualTo(envelope);
		}
		assertThatExceptionOfType(DriftqInvalidArgumentException.class)
			.isThrownBy(() -> this.client.produce(new ProduceRequest(this.topic, null, "late",
					Envelope.builder().deadline(Instant.now().minusSeconds(1)).build())))
			.satisfies((ex) -> assertThat(ex.getServerMessage()).isEqualTo("message deadline exceeded"));
	}

	/**
	 * Fact 16 (creating an existing topic returns 201 and echoes the requested count) and
	 * bad inputs: empty value, unknown topic, out-of-range partition override, unknown
	 * JSON field.
	 */
	@Test
	void badProduceInputsAreRejectedWithTheServerMessage() {
		var recreate = this.raw.post("/v1/topics", "{\"name\":\"%s\",\"partitions\":5}".formatted(this.topic));
		assertThat(recreate.statusCode()).isEqualTo(201);
		assertThat(recreate.body()).contains("\"partitions\":5");
		var empty = this.raw.post("/v1/produce", "{\"topic\":\"%s\",\"value\":\"\"}".formatted(this.topic));
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("topic and value are required");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> ProduceRequest.of(this.topic, ""));
		assertThatExceptionOfType(DriftqTopicNotFoundException.class)
			.isThrownBy(() -> this.client.produce("missing-" + UUID.randomUUID(), null, "v"))
			.satisfies((ex) -> assertThat(ex.getServerMessage()).contains("topic does not exist"));
		assertThatExceptionOfType(DriftqInvalidArgumentException.class)
			.isThrownBy(() -> this.client
				.produce(new ProduceRequest(this.topic, null, "v", Envelope.builder().partitionOverride(1).build())))
			.satisfies((ex) -> assertThat(ex.getServerMessage()).isEqualTo("partition_override out of range"));
		var unknownField = this.raw.post("/v1/produce",
				"{\"topic\":\"%s\",\"value\":\"v\",\"headers\":{}}".formatted(this.topic));
		assertThat(unknownField.statusCode()).isEqualTo(400);
		assertThat(unknownField.body()).contains("unknown field");
	}

	private String baseUrl() {
		return this.client.baseUrl();
	}

}
