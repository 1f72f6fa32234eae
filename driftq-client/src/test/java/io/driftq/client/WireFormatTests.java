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

import java.time.Instant;

import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.client.model.RetryPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WireFormat}: the JSON the server's strict decoder (unknown fields
 * rejected) accepts.
 */
class WireFormatTests {

	@Test
	void produceRequestUsesSnakeCaseAndOmitsUnsetFields() {
		ProduceRequest request = new ProduceRequest("t", null, "v",
				Envelope.builder()
					.runId("r")
					.idempotencyKey("k")
					.partitionOverride(0)
					.deadline(Instant.parse("2030-01-02T03:04:05.678Z"))
					.retryPolicy(new RetryPolicy(3, 100, 1000))
					.build());
		assertThat(WireFormat.MAPPER.writeValueAsString(request)).isEqualTo("{\"topic\":\"t\",\"value\":\"v\","
				+ "\"envelope\":{\"run_id\":\"r\",\"idempotency_key\":\"k\",\"deadline\":\"2030-01-02T03:04:05.678Z\","
				+ "\"retry_policy\":{\"max_attempts\":3,\"backoff_ms\":100,\"max_backoff_ms\":1000},"
				+ "\"partition_override\":0}}");
	}

	@Test
	void emptyEnvelopeIsNotSent() {
		ProduceRequest request = new ProduceRequest("t", "k", "v", Envelope.builder().build());
		assertThat(request.envelope()).isNull();
		assertThat(WireFormat.MAPPER.writeValueAsString(request))
			.isEqualTo("{\"topic\":\"t\",\"key\":\"k\",\"value\":\"v\"}");
	}

	@Test
	void fieldsTheServerOmitsWhenZeroReadAsZero() {
		String line = "{\"partition\":0,\"offset\":0,\"attempts\":1,\"key\":\"\",\"value\":\"v\",\"last_error\":\"\","
				+ "\"envelope\":{\"retry_policy\":{\"max_attempts\":2}}}";
		WireFormat.ConsumeItem item = WireFormat.MAPPER.readValue(line, WireFormat.ConsumeItem.class);
		assertThat(item.envelope().retryPolicy()).isEqualTo(RetryPolicy.maxAttempts(2));
	}

	@Test
	void consumeItemReadsGoTimestampsAndIgnoresUnknownFields() {
		String line = "{\"partition\":1,\"offset\":7,\"attempts\":2,\"key\":\"k\",\"value\":\"v\",\"last_error\":\"boom\","
				+ "\"routing\":{\"label\":\"l\",\"meta\":{\"source\":\"router\"}},\"future_field\":1,"
				+ "\"envelope\":{\"run_id\":\"r\",\"deadline\":\"2030-01-02T03:04:05.123456789+02:00\"}}";
		WireFormat.ConsumeItem item = WireFormat.MAPPER.readValue(line, WireFormat.ConsumeItem.class);
		assertThat(item.partition()).isEqualTo(1);
		assertThat(item.offset()).isEqualTo(7);
		assertThat(item.lastError()).isEqualTo("boom");
		assertThat(item.routing().meta()).containsEntry("source", "router");
		assertThat(item.envelope().deadline()).isEqualTo(Instant.parse("2030-01-02T01:04:05.123456789Z"));
	}

}
