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

import io.driftq.client.WireFormat.ErrorBody;
import io.driftq.client.exception.DriftqIdempotencyKeyInFlightException;
import io.driftq.client.exception.DriftqInvalidArgumentException;
import io.driftq.client.exception.DriftqSettledElsewhereException;
import io.driftq.client.exception.DriftqTopicNotFoundException;
import io.driftq.client.exception.DriftqUnavailableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ErrorMapper}, with the server's own messages.
 */
class ErrorMapperTests {

	@Test
	void notOwnerNotInFlightAndLeaseLostAreSettledElsewhere() {
		assertThat(map(409, "FAILED_PRECONDITION", "not owner")).isInstanceOf(DriftqSettledElsewhereException.class);
		assertThat(map(400, "INVALID_ARGUMENT", "message is not in-flight"))
			.isInstanceOf(DriftqSettledElsewhereException.class);
		assertThat(map(400, "INVALID_ARGUMENT", "idempotency: lease lost or expired"))
			.isInstanceOf(DriftqSettledElsewhereException.class);
	}

	@Test
	void missingTopicIsTopicNotFound() {
		assertThat(map(400, "INVALID_ARGUMENT", "topic does not exist"))
			.isInstanceOf(DriftqTopicNotFoundException.class);
		assertThat(map(400, "INVALID_ARGUMENT", "topic does not exist (create it first)"))
			.isInstanceOf(DriftqTopicNotFoundException.class);
		// a newer server's consume on a missing topic
		assertThat(map(400, "INVALID_ARGUMENT", "topic not found: orders"))
			.isInstanceOf(DriftqTopicNotFoundException.class);
	}

	@Test
	void concurrentIdempotentProduceIsRetryable() {
		var ex = map(400, "INVALID_ARGUMENT", "idempotency: key already in-flight");
		assertThat(ex).isInstanceOf(DriftqIdempotencyKeyInFlightException.class);
		assertThat(ex.isRetryable()).isTrue();
	}

	@Test
	void otherClientErrorsKeepTheServerMessage() {
		var ex = map(400, "INVALID_ARGUMENT", "partition out of range");
		assertThat(ex).isExactlyInstanceOf(DriftqInvalidArgumentException.class);
		assertThat(ex.getServerMessage()).isEqualTo("partition out of range");
		assertThat(ex.getErrorCode()).isEqualTo("INVALID_ARGUMENT");
		assertThat(ex.getStatusCode()).isEqualTo(400);
		assertThat(ex.getMessage()).isEqualTo("ack failed: HTTP 400 INVALID_ARGUMENT 'partition out of range'");
		assertThat(ex.isRetryable()).isFalse();
	}

	@Test
	void serverErrorsAreUnavailableAndRetryable() {
		var ex = map(500, "INTERNAL", "boom");
		assertThat(ex).isInstanceOf(DriftqUnavailableException.class);
		assertThat(ex.isRetryable()).isTrue();
	}

	@Test
	void nonJsonBodyIsKeptAsTheMessage() {
		var ex = HttpTransport.failure("produce", 502, "Bad Gateway\n".getBytes());
		assertThat(ex.getServerMessage()).isEqualTo("Bad Gateway");
		assertThat(ex).isInstanceOf(DriftqUnavailableException.class);
	}

	private static io.driftq.client.exception.DriftqException map(int status, String code, String message) {
		return ErrorMapper.map("ack", status, new ErrorBody(code, message, null, null));
	}

}
