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

import io.driftq.client.ConsumeOptions;
import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqInvalidArgumentException;
import io.driftq.client.exception.DriftqSettledElsewhereException;
import io.driftq.client.exception.DriftqTopicNotFoundException;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.client.model.RetryPolicy;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Ack, nack, the retry policy and the dead letter topic.
 */
@DriftqServerTest
class AckNackContractTests {

	private DriftqServer server;

	private DriftqClient client;

	private RawHttp raw;

	private String topic;

	@BeforeEach
	void setUp(DriftqServer server) {
		this.server = server;
		this.client = DriftqClient.builder(server.baseUrl()).build();
		this.raw = new RawHttp(server.baseUrl());
		this.topic = "acks-" + UUID.randomUUID();
		this.client.createTopic(this.topic, 1);
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	/**
	 * Facts 9 and 18: a nack (parameter {@code reason}) is redelivered at once, whatever
	 * the policy's backoff, with attempts + 1 and the reason as last_error.
	 */
	@Test
	void nackRedeliversAtOnceIgnoringBackoffWithTheReason() {
		RetryPolicy slowBackoff = new RetryPolicy(5, 30_000, 60_000);
		this.client
			.produce(new ProduceRequest(this.topic, null, "x", Envelope.builder().retryPolicy(slowBackoff).build()));
		try (Received r = new Received(this.client.subscribe(ConsumeOptions.builder(this.topic, "g").build()),
				(message) -> {
					if (message.attempts() == 1) {
						this.client.nack(message, "boom");
					}
					else {
						this.client.ack(message);
					}
				})) {
			await().atMost(Duration.ofSeconds(10)).until(() -> r.size() >= 2);
			ConsumedMessage second = r.messages().get(1);
			assertThat(second.offset()).isEqualTo(r.messages().get(0).offset());
			assertThat(second.attempts()).isEqualTo(2);
			assertThat(second.lastError()).isEqualTo("boom");
			assertThat(second.envelope().retryPolicy()).isEqualTo(slowBackoff);
		}
	}

	/**
	 * Facts 10, 11 and 13: after max_attempts deliveries the next nack moves the message
	 * to dlq.&lt;topic&gt;, created with the source's partition count; a DLQ consumer
	 * sees attempts 1 and an empty last_error.
	 */
	@Test
	void maxAttemptsMovesTheMessageToTheDeadLetterTopic() {
		this.client.produce(new ProduceRequest(this.topic, null, "poison",
				Envelope.builder().runId("run-1").retryPolicy(RetryPolicy.maxAttempts(2)).build()));
		try (Received r = new Received(this.client.subscribe(ConsumeOptions.builder(this.topic, "g").build()),
				(message) -> this.client.nack(message, "always fails"))) {
			await().atMost(Duration.ofSeconds(10)).until(() -> this.client.listTopics().contains("dlq." + this.topic));
			assertThat(r.messages()).extracting(ConsumedMessage::attempts).containsExactly(1, 2);
		}
		try (Received dlq = new Received(
				this.client.subscribe(ConsumeOptions.builder("dlq." + this.topic, "g").build()), this.client::ack)) {
			await().atMost(Duration.ofSeconds(10)).until(() -> dlq.size() >= 1);
			ConsumedMessage dead = dlq.messages().get(0);
			assertThat(dead.value()).isEqualTo("poison");
			assertThat(dead.attempts()).isEqualTo(1);
			assertThat(dead.lastError()).isEmpty();
			assertThat(dead.envelope().runId()).isEqualTo("run-1");
		}
	}

	/**
	 * Fact 13: a DLQ partition has the same 100-message cap as any partition and nobody
	 * acks it by default. Once it is full, the next dead letter cannot move: it stays in
	 * flight on the source (holding one of its two slots) and the broker retries the move
	 * on every 250 ms tick, appending a WAL record each time, so the WAL grows while the
	 * system is otherwise idle.
	 */
	@Test
	void fullDeadLetterPartitionBlocksTheMoveAndGrowsTheWal() throws Exception {
		Envelope once = Envelope.builder().retryPolicy(RetryPolicy.maxAttempts(1)).build();
		String dlq = "dlq." + this.topic;
		try (Received r = new Received(this.client.subscribe(ConsumeOptions.builder(this.topic, "g").build()),
				(message) -> this.client.nack(message, "poison"))) {
			for (int i = 0; i < 101; i++) {
				this.client.produce(new ProduceRequest(this.topic, null, "dead-" + i, once));
			}
			await().atMost(Duration.ofSeconds(90)).until(() -> r.size() >= 101);
			var full = this.raw.post("/v1/produce", "{\"topic\":\"%s\",\"value\":\"x\"}".formatted(dlq));
			assertThat(full.statusCode()).isEqualTo(429);
			// While the group has an open stream, the broker keeps retrying the move.
			long walSize = java.nio.file.Files.size(this.server.walFile());
			await().atMost(Duration.ofSeconds(10))
				.until(() -> java.nio.file.Files.size(this.server.walFile()) > walSize + 1024);
		}
		String metrics = this.raw.get("/metrics").body();
		assertThat(metrics).contains("inflight_messages{group=\"g\",partition=\"0\",topic=\"" + this.topic + "\"} 1");
	}

	/**
	 * Fact 17: acking a message that is not in flight answers 400 "message is not
	 * in-flight"; acking a message leased to another owner answers 409 "not owner". The
	 * client reports both as settled elsewhere.
	 */
	@Test
	void ackOfAMessageNotInFlightOrOwnedByAnotherOwnerIsSettledElsewhere() throws Exception {
		this.client.produce(this.topic, null, "a");
		ConsumeOptions options = ConsumeOptions.builder(this.topic, "g").lease(Duration.ofSeconds(60)).build();
		try (var subscription = this.client.subscribe(options)) {
			ConsumedMessage message = subscription.poll(Duration.ofSeconds(10));
			assertThat(message).isNotNull();
			var notOwner = this.raw.post("/v1/ack", """
					{"topic":"%s","group":"g","owner":"someone-else","partition":0,"offset":%d}""".formatted(this.topic,
					message.offset()));
			assertThat(notOwner.statusCode()).isEqualTo(409);
			assertThat(notOwner.body()).contains("FAILED_PRECONDITION").contains("not owner");
			assertThatExceptionOfType(DriftqSettledElsewhereException.class).isThrownBy(
					() -> this.client.ack(this.topic, "g", "someone-else", message.partition(), message.offset()));
			this.client.ack(message);
			var again = this.raw.post("/v1/ack", """
					{"topic":"%s","group":"g","owner":"%s","partition":0,"offset":%d}""".formatted(this.topic,
					message.owner(), message.offset()));
			assertThat(again.statusCode()).isEqualTo(400);
			assertThat(again.body()).contains("message is not in-flight");
			assertThatExceptionOfType(DriftqSettledElsewhereException.class).isThrownBy(() -> this.client.ack(message));
		}
	}

	/** Bad ack inputs: out-of-range partition, unknown topic, unknown JSON field. */
	@Test
	void badAckInputsAreRejectedWithTheServerMessage() {
		assertThatExceptionOfType(DriftqInvalidArgumentException.class)
			.isThrownBy(() -> this.client.ack(this.topic, "g", "o", 7, 0))
			.satisfies((ex) -> assertThat(ex.getServerMessage()).isEqualTo("partition out of range"));
		assertThatExceptionOfType(DriftqTopicNotFoundException.class)
			.isThrownBy(() -> this.client.nack("missing-" + UUID.randomUUID(), "g", "o", 0, 0, "x"));
		var unknownField = this.raw.post("/v1/nack", """
				{"topic":"%s","group":"g","owner":"o","partition":0,"offset":0,"error":"x"}""".formatted(this.topic));
		assertThat(unknownField.statusCode()).isEqualTo(400);
		assertThat(unknownField.body()).contains("unknown field: error");
	}

}
