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

import io.driftq.client.exception.DriftqMessageTooLargeException;
import io.driftq.client.exception.DriftqUnavailableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DriftqClientBuilder} and the checks the client makes before sending
 * anything.
 */
class DriftqClientBuilderTests {

	@Test
	void rejectsUrlsThatAreNotHttp() {
		assertThatIllegalArgumentException().isThrownBy(() -> DriftqClient.builder("localhost:8080"))
			.withMessageContaining("invalid DriftQ base URL 'localhost:8080'");
		assertThatIllegalArgumentException().isThrownBy(() -> DriftqClient.builder("ftp://host"))
			.withMessageContaining("expected http(s)://host[:port]");
	}

	@Test
	void keepsIdleConnectionsBelowTheServersFiveSecondClose() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DriftqClient.builder("http://localhost:1").idleConnectionTimeout(Duration.ofSeconds(5)))
			.withMessageContaining("at most 4.5s");
	}

	@Test
	void baseUrlIsNormalised() {
		try (DriftqClient client = DriftqClient.builder("http://127.0.0.1:1/").build()) {
			assertThat(client.baseUrl()).isEqualTo("http://127.0.0.1:1");
		}
	}

	/**
	 * The size limit is the server's (GET /v1/config, else the pinned server's 65 535
	 * bytes), so a server that cannot be reached cannot say it: the produce fails as
	 * retryable, not as a message too large for ever.
	 */
	@Test
	void sizeLimitComesFromTheServerSoAnUnreachableServerIsRetryable() {
		// Port 1 refuses connections.
		try (DriftqClient client = DriftqClient.builder("http://127.0.0.1:1").build()) {
			assertThatExceptionOfType(DriftqUnavailableException.class)
				.isThrownBy(() -> client.produce("t", "ké", "x".repeat(65_533)))
				.satisfies((ex) -> assertThat(ex.isRetryable()).isTrue());
		}
	}

	@Test
	void pinnedServerLimitsCountKeyAndValueInUtf8Bytes() {
		DriftqServerCapabilities pinned = DriftqServerCapabilities.PINNED_SERVER;
		assertThat(pinned.maxKeyAndValueBytes()).isEqualTo(65_535);
		assertThat(new DriftqMessageTooLargeException("t", 65_536, pinned.maxKeyAndValueBytes()))
			.hasMessageContaining("key + value = 65536 bytes, DriftQ accepts at most 65535 bytes");
		assertThat(io.driftq.client.model.ProduceRequest.of("t", "ké", "x".repeat(65_533)).keyAndValueBytes())
			.isEqualTo(65_536);
		assertThat(pinned.maxUnackedPerGroup(3)).isEqualTo(6);
		assertThat(pinned.readAhead(16, 3)).isEqualTo(6);
		assertThat(pinned.supportsCumulativeAck()).isFalse();
	}

	@Test
	void unreachableServerIsUnhealthyNotAnException() {
		try (DriftqClient client = DriftqClient.builder("http://127.0.0.1:1").build()) {
			assertThat(client.isHealthy()).isFalse();
		}
	}

}
