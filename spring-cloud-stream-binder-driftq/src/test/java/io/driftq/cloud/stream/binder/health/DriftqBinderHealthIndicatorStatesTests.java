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

package io.driftq.cloud.stream.binder.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the indicator makes of the bindings' reports, on a clock the test moves:
 * OUT_OF_SERVICE for a stalled consumer, a refused dead letter, a long-blocked or failed
 * producer; DOWN when the server does not answer; the unsettled counts always in the
 * details.
 */
class DriftqBinderHealthIndicatorStatesTests {

	private static final Duration STALL = Duration.ofSeconds(60);

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final AtomicBoolean serverUp = new AtomicBoolean(true);

	private final DriftqBindingStates states = new DriftqBindingStates(this.nanos::get);

	private final DriftqBinderHealthIndicator indicator = new DriftqBinderHealthIndicator("http://driftq:8080",
			this.serverUp::get, this.states, STALL);

	@Test
	void aConsumerThatHoldsMessagesAndSettlesNoneForTheStallTimeoutIsOutOfService() {
		DriftqBindingStates.ConsumerState consumer = this.states.consumer("orders", "billing", "process-in-0");
		consumer.received();
		consumer.received();
		advance(Duration.ofSeconds(59));
		assertThat(health().getStatus()).isEqualTo(Status.UP);
		assertThat(consumers())
			.containsExactly(Map.of("binding", "process-in-0", "topic", "orders", "group", "billing", "unsettled", 2));
		advance(Duration.ofSeconds(1));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(problems(health)).singleElement().satisfies((problem) -> {
			assertThat(problem).containsEntry("binding", "process-in-0")
				.containsEntry("topic", "orders")
				.containsEntry("group", "billing");
			assertThat((String) problem.get("reason"))
				.isEqualTo("2 unsettled message(s) and none settled for 60.0 s (stall-timeout 60.0 s)");
		});
		consumer.settled();
		assertThat(health().getStatus()).isEqualTo(Status.UP);
		assertThat(consumers()).singleElement().satisfies((c) -> assertThat(c).containsEntry("unsettled", 1));
	}

	@Test
	void anIdleConsumerIsUpHoweverLongNothingArrives() {
		DriftqBindingStates.ConsumerState consumer = this.states.consumer("orders", "billing");
		consumer.received();
		consumer.settled();
		advance(Duration.ofHours(2));
		assertThat(health().getStatus()).isEqualTo(Status.UP);
		// the wait for progress starts with the first message after the idle spell
		consumer.received();
		advance(Duration.ofSeconds(30));
		assertThat(health().getStatus()).isEqualTo(Status.UP);
		assertThat(consumers()).containsExactly(Map.of("topic", "orders", "group", "billing", "unsettled", 1));
	}

	@Test
	void aRefusedDeadLetterIsOutOfServiceForTheStallTimeoutOrUntilARecordIsWritten() {
		DriftqBindingStates.ConsumerState consumer = this.states.consumer("orders", "billing", "process-in-0");
		consumer.deadLetterRefused("orders.dlq answered 429 (partition_buffer_full)");
		advance(Duration.ofSeconds(5));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(problems(health)).singleElement()
			.satisfies((problem) -> assertThat((String) problem.get("reason")).isEqualTo(
					"the dead-letter target refused a record 5.0 s ago: orders.dlq answered 429 (partition_buffer_full)"));
		advance(Duration.ofSeconds(55));
		assertThat(health().getStatus()).isEqualTo(Status.UP);
		consumer.deadLetterRefused("again");
		assertThat(health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		consumer.deadLetterWritten();
		assertThat(health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void aProducerBlockedLongerThanTheStallTimeoutIsOutOfServiceUntilItsSendsGoThrough() {
		DriftqBindingStates.ProducerState producer = this.states.producer("orders", "out-0");
		producer.blocked();
		advance(Duration.ofSeconds(60));
		assertThat(health().getStatus()).isEqualTo(Status.UP);
		advance(Duration.ofMillis(100));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(problems(health)).singleElement().satisfies((problem) -> {
			assertThat(problem).containsEntry("binding", "out-0").containsEntry("topic", "orders");
			assertThat((String) problem.get("reason"))
				.isEqualTo("1 send(s) waiting for room in a full partition for 60.1 s (stall-timeout 60.0 s)");
		});
		assertThat(producers(health)).containsExactly(Map.of("binding", "out-0", "topic", "orders", "blockedSends", 1));
		producer.unblocked();
		producer.sent();
		assertThat(health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void aSendThatGaveUpIsOutOfServiceForTheStallTimeoutUnlessALaterSendGoesThrough() {
		DriftqBindingStates.ProducerState producer = this.states.producer("orders", "out-0");
		producer.overloadFailed("DriftQ topic 'orders' stayed full for 60.0 s");
		advance(Duration.ofSeconds(59));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(problems(health)).singleElement()
			.satisfies((problem) -> assertThat((String) problem.get("reason"))
				.isEqualTo("a send gave up 59.0 s ago: DriftQ topic 'orders' stayed full for 60.0 s"));
		advance(Duration.ofSeconds(1));
		assertThat(health().getStatus()).isEqualTo(Status.UP);
		producer.overloadFailed("again");
		assertThat(health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		producer.sent();
		assertThat(health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void anUnreachableServerIsDownAndTheDetailsStillListTheBindings() {
		DriftqBindingStates.ConsumerState consumer = this.states.consumer("orders", "billing", "process-in-0");
		consumer.received();
		advance(Duration.ofSeconds(120));
		this.serverUp.set(false);
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("url", "http://driftq:8080")
			.containsEntry("reason", "DriftQ at http://driftq:8080 does not answer /v1/healthz");
		assertThat(consumers()).singleElement().satisfies((c) -> assertThat(c).containsEntry("unsettled", 1));
		assertThat(problems(health)).hasSize(1);
	}

	private void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

	private Health health() {
		return this.indicator.health(true);
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> consumers() {
		return (List<Map<String, Object>>) health().getDetails().get("consumers");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> producers(Health health) {
		return (List<Map<String, Object>>) health.getDetails().get("producers");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> problems(Health health) {
		return (List<Map<String, Object>>) health.getDetails().get("problems");
	}

}
