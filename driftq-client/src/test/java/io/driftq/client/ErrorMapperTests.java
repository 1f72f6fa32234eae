package io.driftq.client;

import org.junit.jupiter.api.Test;

import io.driftq.client.WireFormat.ErrorBody;
import io.driftq.client.exception.DriftqIdempotencyKeyInFlightException;
import io.driftq.client.exception.DriftqInvalidArgumentException;
import io.driftq.client.exception.DriftqSettledElsewhereException;
import io.driftq.client.exception.DriftqTopicNotFoundException;
import io.driftq.client.exception.DriftqUnavailableException;

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
		assertThat(map(400, "INVALID_ARGUMENT", "topic does not exist")).isInstanceOf(DriftqTopicNotFoundException.class);
		assertThat(map(400, "INVALID_ARGUMENT", "topic does not exist (create it first)"))
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
