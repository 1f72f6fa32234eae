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

package io.driftq.samples.payments;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.driftq.idempotent.EffectKey;
import io.driftq.idempotent.EffectStatus;
import io.driftq.idempotent.EffectStore;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * integrate.md, "Testing your app", as written there (plus a recording payment provider,
 * so that the charges can be counted, and a fresh SQLite file).
 */
@SpringBootTest(properties = "driftq.effects.sqlite.path=target/payment-flow-tests/effects-${random.uuid}.sqlite")
@DriftqServerTest
class PaymentFlowTests {

	@Autowired
	StreamBridge streamBridge;

	@Autowired
	EffectStore effects;

	@Autowired
	RecordingProvider provider;

	@Test
	void aCommandIsChargedOnce(DriftqServer server) {
		PayCommand command = new PayCommand("run-1", "order-1", new BigDecimal("10.00"));
		streamBridge.send("payments-out-0", command);
		streamBridge.send("payments-out-0", command); // a retried send
		await().untilAsserted(() -> assertThat(effects.find(EffectKey.of("run-1", "charge_card", "order-1").effectId()))
			.hasValueSatisfying((effect) -> assertThat(effect.status()).isEqualTo(EffectStatus.SUCCEEDED)));
		assertThat(server.isRunning()).isTrue();
		await().untilAsserted(() -> assertThat(this.provider.calls).hasSize(1));
	}

	/** Records charges instead of calling a provider over HTTP. */
	static class RecordingProvider extends PaymentProvider {

		final List<String> calls = new CopyOnWriteArrayList<>();

		RecordingProvider() {
			super("http://127.0.0.1:9");
		}

		@Override
		public String charge(String orderId, BigDecimal amount, String idempotencyKey) {
			this.calls.add(orderId + " " + idempotencyKey);
			return "ch_" + this.calls.size();
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Provider {

		@Bean
		@Primary
		RecordingProvider recordingProvider() {
			return new RecordingProvider();
		}

	}

}
