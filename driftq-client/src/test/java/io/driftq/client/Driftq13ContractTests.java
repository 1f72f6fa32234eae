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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.driftq.client.Driftq13Server.Received;
import io.driftq.client.Driftq13Server.Reply;
import io.driftq.client.exception.DriftqMessageTooLargeException;
import io.driftq.client.exception.DriftqSettledElsewhereException;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.ProduceRequest;
import io.driftq.client.model.TopicCreated;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Unit tests of the client against recorded answers of a newer DriftQ-Core's documented
 * API (1.3: {@code /v1/config}, {@code /v1/ack-cumulative}, {@code retry_after_ms},
 * {@code topic already exists}), served by an in-JVM HTTP server
 * ({@link Driftq13Server}). No 1.3 binary can be fetched here; the pinned server is
 * tested live by the contract tests, including
 * {@code contract.CapabilityDiscoveryContractTests}.
 */
class Driftq13ContractTests {

	private Driftq13Server server;

	private DriftqClient client;

	@BeforeEach
	void setUp() {
		this.server = new Driftq13Server();
		this.client = DriftqClient.builder(this.server.baseUrl()).build();
	}

	@AfterEach
	void tearDown() {
		this.client.close();
		this.server.close();
	}

	@Test
	void capabilitiesAreReadFromConfigOnceAndKept() {
		DriftqServerCapabilities capabilities = this.client.capabilities();
		assertThat(capabilities.source()).isEqualTo(DriftqServerCapabilities.Source.SERVER_CONFIG);
		assertThat(capabilities.maxPartitionBytes()).isEqualTo(4 * 1024 * 1024);
		assertThat(capabilities.maxKeyAndValueBytes()).isEqualTo(4 * 1024 * 1024 - 1);
		assertThat(capabilities.maxPartitionMessages()).isEqualTo(1024);
		assertThat(capabilities.maxInflight()).isEqualTo(32);
		assertThat(capabilities.supportsCumulativeAck()).isTrue();
		assertThat(capabilities.walSyncInterval()).isEqualTo("0s");
		assertThat(capabilities.maxUnackedPerGroup(4)).isEqualTo(128);
		assertThat(capabilities.readAhead(16, 4)).isEqualTo(16);
		this.client.produce("t", null, "a");
		this.client.produce("t", null, "b");
		assertThat(this.client.capabilities()).isSameAs(capabilities);
		assertThat(this.server.received("/v1/config")).hasSize(1);
	}

	@Test
	void messageSizeIsCheckedAgainstTheServersFourMebibyteLimit() {
		String hundredKib = "x".repeat(100 * 1024);
		this.client.produce("t", "k", hundredKib);
		assertThat(this.server.received("/v1/produce")).singleElement()
			.satisfies((r) -> assertThat(r.body()).contains(hundredKib));
		this.client.produce("t", null, "y".repeat(4 * 1024 * 1024 - 1));
		assertThatExceptionOfType(DriftqMessageTooLargeException.class)
			.isThrownBy(() -> this.client.produce("t", null, "z".repeat(4 * 1024 * 1024)))
			.withMessageContaining("key + value = 4194304 bytes, DriftQ accepts at most 4194303 bytes");
		assertThat(this.server.received("/v1/produce")).hasSize(2);
	}

	@Test
	void aSmallerConfiguredPartitionByteLimitIsHonoured() {
		this.server.always("/v1/config", Reply.of(200, Driftq13Server.recorded("config.json")
			.replace("\"max_partition_bytes\":4194304", "\"max_partition_bytes\":10")));
		this.client.produce("t", null, "123456789");
		assertThatExceptionOfType(DriftqMessageTooLargeException.class)
			.isThrownBy(() -> this.client.produce("t", null, "1234567890"));
		assertThat(this.server.received("/v1/produce")).hasSize(1);
	}

	/**
	 * retry_after_ms wins over Retry-After: 300 ms asked in the body, 1 s in the header.
	 */
	@Test
	void retryAfterMsIsHonouredBelowASecond() {
		this.server.then("/v1/produce", overloaded(300, "1"));
		this.client.produce("t", null, "a");
		List<Received> produces = this.server.received("/v1/produce");
		assertThat(produces).hasSize(2);
		assertThat(gap(produces.get(0), produces.get(1))).isBetween(Duration.ofMillis(290), Duration.ofMillis(900));
		assertThat(this.client.overloadRetryCount()).isEqualTo(1);
	}

	/**
	 * A time-bounded produce waits what the server asks even above its 1 s default wait.
	 */
	@Test
	void retryAfterMsIsHonouredAboveASecondByATimeBoundedProduce() {
		this.server.then("/v1/produce", overloaded(2500, "3"));
		this.client.produce(ProduceRequest.of("t", "a"), Duration.ofSeconds(10), BackPressureListener.NONE);
		List<Received> produces = this.server.received("/v1/produce");
		assertThat(produces).hasSize(2);
		assertThat(gap(produces.get(0), produces.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(2450));
	}

	@Test
	void theRecordedOverloadAnswerIsRetriedAfterItsSecond() {
		this.server.then("/v1/produce", new Reply(429, Driftq13Server.recorded("overload-partition-buffer-full.json"),
				Map.of("Retry-After", "1")));
		this.client.produce("t", null, "a");
		List<Received> produces = this.server.received("/v1/produce");
		assertThat(gap(produces.get(0), produces.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(980));
	}

	@Test
	void contiguousOffsetsFromTheStartAreAckedWithOneCumulativeAck() {
		this.client.ackAll(List.of(message(0, 1), message(0, 0), message(0, 2)));
		assertThat(this.server.received("/v1/ack")).isEmpty();
		assertThat(this.server.received("/v1/ack-cumulative")).singleElement()
			.satisfies((r) -> assertThat(r.body()).isEqualTo(
					"{\"topic\":\"orders\",\"group\":\"billing\",\"owner\":\"w1\",\"partition\":0,\"offset\":2}"));
		// the next run continues from offset 2, the last this client acked
		this.client.ackAll(List.of(message(0, 3), message(0, 4)));
		assertThat(this.server.received("/v1/ack-cumulative")).hasSize(2)
			.last()
			.satisfies((r) -> assertThat(r.body()).contains("\"offset\":4"));
		assertThat(this.server.received("/v1/ack")).isEmpty();
	}

	@Test
	void aGapInTheRangeIsAckedPerOffset() {
		this.client.ackAll(List.of(message(0, 0), message(0, 2), message(0, 3)));
		assertThat(this.server.received("/v1/ack-cumulative")).isEmpty();
		assertThat(this.server.received("/v1/ack")).extracting(Received::body)
			.containsExactly(settle(0, 0), settle(0, 2), settle(0, 3));
	}

	@Test
	void aRangeThatDoesNotStartAfterTheLastAckedOffsetIsAckedPerOffset() {
		this.client.ack(message(1, 4));
		this.client.ackAll(List.of(message(1, 7), message(1, 8)));
		assertThat(this.server.received("/v1/ack-cumulative")).isEmpty();
		assertThat(this.server.received("/v1/ack")).extracting(Received::body)
			.containsExactly(settle(1, 4), settle(1, 7), settle(1, 8));
		// 9 and 10 follow 8: contiguous again
		this.client.ackAll(List.of(message(1, 9), message(1, 10)));
		assertThat(this.server.received("/v1/ack-cumulative")).singleElement()
			.satisfies((r) -> assertThat(r.body()).isEqualTo(settle(1, 10)));
	}

	@Test
	void partitionsAreAckedSeparately() {
		this.client.ackAll(List.of(message(0, 0), message(1, 0), message(0, 1), message(1, 1)));
		assertThat(this.server.received("/v1/ack-cumulative")).extracting(Received::body)
			.containsExactly(settle(0, 1), settle(1, 1));
	}

	@Test
	void aRefusedCumulativeAckFallsBackToPerOffsetAcks() {
		this.server.then("/v1/ack-cumulative", Reply.of(400, Driftq13Server.recorded("ack-range-not-in-flight.json")))
			.then("/v1/ack-cumulative", Reply.of(409, Driftq13Server.recorded("not-owner.json")));
		this.client.ackAll(List.of(message(0, 0), message(0, 1)));
		this.client.ackAll(List.of(message(0, 2), message(0, 3)));
		assertThat(this.server.received("/v1/ack-cumulative")).hasSize(2);
		assertThat(this.server.received("/v1/ack")).extracting(Received::body)
			.containsExactly(settle(0, 0), settle(0, 1), settle(0, 2), settle(0, 3));
	}

	@Test
	void perOffsetAcksStopAtTheFirstFailure() {
		this.server.then("/v1/ack", Reply.of(204, ""))
			.then("/v1/ack", Reply.of(409, Driftq13Server.recorded("not-owner.json")));
		assertThatExceptionOfType(DriftqSettledElsewhereException.class)
			.isThrownBy(() -> this.client.ackAll(List.of(message(0, 0), message(0, 2), message(0, 3))));
		assertThat(this.server.received("/v1/ack")).extracting(Received::body)
			.containsExactly(settle(0, 0), settle(0, 2));
	}

	@Test
	void aServerWithoutCumulativeAckIsNotAskedAgain() {
		this.server.always("/v1/ack-cumulative", Reply.of(404, "404 page not found"));
		this.client.ackAll(List.of(message(0, 0), message(0, 1)));
		this.client.ackAll(List.of(message(0, 2), message(0, 3)));
		assertThat(this.server.received("/v1/ack-cumulative")).hasSize(1);
		assertThat(this.client.capabilities().supportsCumulativeAck()).isFalse();
		assertThat(this.server.received("/v1/ack")).hasSize(4);
	}

	@Test
	void creatingAnExistingTopicSucceeds() {
		this.server.then("/v1/topics", Reply.of(400, Driftq13Server.recorded("topic-exists.json")));
		assertThat(this.client.createTopic("orders", 2)).isEqualTo(new TopicCreated("orders", 2));
	}

	@Test
	void requestCustomizerHeadersAreSentOnEveryRequest() {
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		this.server.always("/v1/consume", new Reply(200,
				"{\"partition\":0,\"offset\":0,\"attempts\":1,\"key\":\"\",\"value\":\"hello\",\"last_error\":\"\"}\n",
				Map.of("Content-Type", "application/x-ndjson; charset=utf-8")));
		try (DriftqClient traced = DriftqClient.builder(this.server.baseUrl())
			.requestCustomizer((request) -> request.setHeader("traceparent", traceparent))
			.requestCustomizer(
					(request) -> request.setHeader("X-Trace-Id", request.method() + " " + request.uri().getPath()))
			.build()) {
			traced.produce("t", null, "a");
			traced.ackAll(List.of(message(0, 0), message(0, 1)));
			traced.nack(message(0, 2), "boom");
			traced.createTopic("orders", 2);
			assertThat(traced.consumeOnce(ConsumeOptions.builder("orders", "billing").build(), (m) -> false))
				.isEqualTo(1);
		}
		assertThat(this.server.received()).extracting(Received::path)
			.containsExactly("/v1/config", "/v1/produce", "/v1/ack-cumulative", "/v1/nack", "/v1/topics",
					"/v1/consume");
		assertThat(this.server.received()).allSatisfy((r) -> {
			assertThat(r.header("traceparent")).isEqualTo(traceparent);
			assertThat(r.header("X-Trace-Id")).isEqualTo(r.method() + " " + r.path());
		});
	}

	@Test
	void customizerCannotOverrideHeadersTheClientOwns() {
		try (DriftqClient bad = DriftqClient.builder(this.server.baseUrl())
			.requestCustomizer((request) -> request.setHeader("Content-Type", "text/plain"))
			.build()) {
			assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> bad.capabilities())
				.withMessageContaining("header 'Content-Type' is set by the DriftQ client");
		}
		assertThat(this.server.received()).isEmpty();
	}

	private static Reply overloaded(int retryAfterMs, String retryAfterHeader) {
		String body = Driftq13Server.recorded("overload-partition-buffer-full.json")
			.replace("\"retry_after_ms\":1000", "\"retry_after_ms\":" + retryAfterMs);
		return new Reply(429, body, Map.of("Retry-After", retryAfterHeader));
	}

	private static Duration gap(Received first, Received second) {
		return Duration.ofNanos(second.nanoTime() - first.nanoTime());
	}

	private static ConsumedMessage message(int partition, long offset) {
		return new ConsumedMessage("orders", "billing", "w1", partition, offset, 1, "", "v" + offset, "", null, null);
	}

	private static String settle(int partition, long offset) {
		return "{\"topic\":\"orders\",\"group\":\"billing\",\"owner\":\"w1\",\"partition\":" + partition
				+ ",\"offset\":" + offset + "}";
	}

}
