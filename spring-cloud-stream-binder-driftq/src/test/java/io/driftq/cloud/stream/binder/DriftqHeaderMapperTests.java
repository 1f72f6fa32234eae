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

package io.driftq.cloud.stream.binder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.client.model.RetryPolicy;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.stream.binder.BinderHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link DriftqHeaderMapper} both ways (a pure unit test; the live round trips are in the
 * binder's other tests).
 */
class DriftqHeaderMapperTests {

	private static final RetryPolicy BINDING_POLICY = new RetryPolicy(5, 1000, 30000);

	private static final Instant DEADLINE = Instant.parse("2030-01-02T03:04:05Z");

	@Test
	void outboundHeadersBecomeTheKeyAndTheEnvelope() {
		MessageHeaders headers = MessageBuilder.withPayload("v")
			.setHeader(DriftqHeaders.KEY, "k")
			.setHeader(DriftqHeaders.RUN_ID, "run-1")
			.setHeader(DriftqHeaders.STEP_ID, "step-1")
			.setHeader(DriftqHeaders.PARENT_STEP_ID, "parent-1")
			.setHeader(DriftqHeaders.TENANT_ID, "tenant-1")
			.setHeader(DriftqHeaders.IDEMPOTENCY_KEY, "idem-1")
			.setHeader(DriftqHeaders.TARGET_TOPIC, "elsewhere")
			.setHeader(DriftqHeaders.DEADLINE, DEADLINE.toString())
			.setHeader(DriftqHeaders.PARTITION_OVERRIDE, 2)
			.setHeader(DriftqHeaders.RETRY_MAX_ATTEMPTS, 3)
			.setHeader(DriftqHeaders.RETRY_BACKOFF, "250ms")
			.build()
			.getHeaders();
		ProduceRequest request = new DriftqHeaderMapper(false).fromHeaders("orders", headers, "v", (name) -> "unused",
				BINDING_POLICY, false);
		assertThat(request.topic()).isEqualTo("orders");
		assertThat(request.key()).isEqualTo("k");
		assertThat(request.value()).isEqualTo("v");
		assertThat(request.envelope()).isEqualTo(new Envelope("run-1", "step-1", "parent-1", "tenant-1", "idem-1",
				"elsewhere", DEADLINE, new RetryPolicy(3, 250, 30000), 2));
	}

	@Test
	void anAbsentHeaderFallsBackToTheBindingsExpressionAndAPresentOneWins() {
		Map<String, Object> expressions = Map.of(DriftqHeaders.KEY, "expr-key", DriftqHeaders.RUN_ID, "expr-run",
				DriftqHeaders.DEADLINE, DEADLINE.toEpochMilli(), DriftqHeaders.TARGET_TOPIC, "expr-target");
		MessageHeaders headers = MessageBuilder.withPayload("v")
			.setHeader(DriftqHeaders.RUN_ID, "header-run")
			.build()
			.getHeaders();
		ProduceRequest request = new DriftqHeaderMapper(false).fromHeaders("orders", headers, "v", expressions::get,
				BINDING_POLICY, false);
		assertThat(request.key()).isEqualTo("expr-key");
		assertThat(request.envelope().runId()).isEqualTo("header-run");
		assertThat(request.envelope().deadline()).isEqualTo(DEADLINE);
		assertThat(request.envelope().targetTopic()).isEqualTo("expr-target");
		assertThat(request.envelope().retryPolicy()).isEqualTo(BINDING_POLICY);
		assertThat(request.envelope().partitionOverride()).isNull();
	}

	@Test
	void springCloudStreamsPartitionIsTheOverrideOnlyForAPartitionedBindingAndTheDriftqHeaderWins() {
		Message<String> partitioned = MessageBuilder.withPayload("v")
			.setHeader(BinderHeaders.PARTITION_HEADER, 1)
			.build();
		DriftqHeaderMapper mapper = new DriftqHeaderMapper(false);
		assertThat(mapper.fromHeaders("t", partitioned.getHeaders(), "v", (name) -> null, BINDING_POLICY, true)
			.envelope()
			.partitionOverride()).isEqualTo(1);
		assertThat(mapper.fromHeaders("t", partitioned.getHeaders(), "v", (name) -> null, BINDING_POLICY, false)
			.envelope()
			.partitionOverride()).isNull();
		MessageHeaders both = MessageBuilder.fromMessage(partitioned)
			.setHeader(DriftqHeaders.PARTITION_OVERRIDE, "0")
			.build()
			.getHeaders();
		assertThat(
				mapper.fromHeaders("t", both, "v", (name) -> null, BINDING_POLICY, true).envelope().partitionOverride())
			.isEqualTo(0);
	}

	@Test
	void aProcessorsCopiedTargetTopicNamingItsInputIsNotSentBack() {
		MessageHeaders headers = MessageBuilder.withPayload("v")
			.setHeader(DriftqHeaders.TOPIC, "in")
			.setHeader(DriftqHeaders.TARGET_TOPIC, "in")
			.build()
			.getHeaders();
		assertThat(new DriftqHeaderMapper(false).fromHeaders("out", headers, "v", (name) -> null, BINDING_POLICY, false)
			.envelope()
			.targetTopic()).isNull();
	}

	@Test
	void aRetryHeaderBelowTwoAttemptsIsRefusedNamingTheHeader() {
		MessageHeaders headers = MessageBuilder.withPayload("v")
			.setHeader(DriftqHeaders.RETRY_MAX_ATTEMPTS, 1)
			.build()
			.getHeaders();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DriftqHeaderMapper(false).fromHeaders("t", headers, "v", (name) -> null,
					BINDING_POLICY, false))
			.withMessageContaining(DriftqHeaders.RETRY_MAX_ATTEMPTS);
	}

	@Test
	void embeddedHeadersTravelInTheValueAndComeBackOnTheConsumerUnderTheBindersOwnHeaders() {
		MessageHeaders headers = MessageBuilder.withPayload("plain")
			.setHeader("x-tenant-tier", "gold")
			.setHeader("x-count", 3)
			.setHeader("other", "not embedded")
			.setHeader(DriftqHeaders.KEY, "k")
			.setHeader(DriftqHeaders.RUN_ID, "run-9")
			.build()
			.getHeaders();
		ProduceRequest request = new DriftqHeaderMapper(false, List.of("x-*")).fromHeaders("orders", headers, "plain",
				(name) -> null, BINDING_POLICY, false);
		assertThat(request.value()).startsWith("{\"@driftq\":").contains("\"x-count\":3").doesNotContain("other");
		ConsumedMessage consumed = new ConsumedMessage("orders", "g", "o", 0, 7, 1, request.key(), request.value(),
				null, null, request.envelope());
		Message<byte[]> inbound = new DriftqHeaderMapper(true).toMessage(consumed, null);
		assertThat(new String(inbound.getPayload())).isEqualTo("plain");
		assertThat(inbound.getHeaders()).containsEntry("x-tenant-tier", "gold")
			.containsEntry("x-count", 3)
			.containsEntry(DriftqHeaders.KEY, "k")
			.containsEntry(DriftqHeaders.RUN_ID, "run-9")
			.containsEntry(DriftqHeaders.OFFSET, 7L)
			.doesNotContainKey("other");
		// without extraction the consumer sees the wrapper as it is
		assertThat(new String(new DriftqHeaderMapper(false).toMessage(consumed, null).getPayload()))
			.isEqualTo(request.value());
	}

	@Test
	void theProducersTraceContextIsEmbeddedWithTheBindingsHeadersAndWinsOverACopiedOne() {
		MessageHeaders headers = MessageBuilder.withPayload("v")
			.setHeader("traceparent", "00-copied-from-the-input-01")
			.setHeader("contentType", "text/plain")
			.build()
			.getHeaders();
		Map<String, String> trace = Map.of("traceparent", "00-abc-def-01", "baggage", "tenant=t1");
		ProduceRequest request = new DriftqHeaderMapper(false, List.of("contentType")).fromHeaders("t", headers, "v",
				(name) -> null, BINDING_POLICY, false, trace);
		ConsumedMessage consumed = new ConsumedMessage("t", "g", "o", 0, 0, 1, null, request.value(), null, null, null);
		assertThat(new DriftqHeaderMapper(true).toMessage(consumed, null).getHeaders())
			.containsEntry("traceparent", "00-abc-def-01")
			.containsEntry("baggage", "tenant=t1")
			.containsEntry("contentType", "text/plain");
		// a binding that embeds nothing sends the plain value: the trace context is
		// dropped
		assertThat(new DriftqHeaderMapper(false)
			.fromHeaders("t", headers, "v", (name) -> null, BINDING_POLICY, false, trace)
			.value()).isEqualTo("v");
	}

	@Test
	void withoutEmbeddedHeadersTheValueIsSentAsItIs() {
		MessageHeaders headers = MessageBuilder.withPayload("plain").setHeader("x-a", "b").build().getHeaders();
		assertThat(new DriftqHeaderMapper(false, List.of())
			.fromHeaders("t", headers, "plain", (name) -> null, BINDING_POLICY, false)
			.value()).isEqualTo("plain");
	}

}
