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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pure unit tests of the broker nack delay: the binding's back-off for the delivery
 * count, capped.
 */
class DelayedNacksTests {

	private static ExtendedConsumerProperties<DriftqConsumerProperties> properties(String nackDelay, String lease) {
		DriftqConsumerProperties extension = new DriftqConsumerProperties();
		extension.setNackDelay(Duration.parse(nackDelay));
		extension.setLease(Duration.parse(lease));
		ExtendedConsumerProperties<DriftqConsumerProperties> properties = new ExtendedConsumerProperties<>(extension);
		properties.setBackOffInitialInterval(1000);
		properties.setBackOffMultiplier(2.0);
		properties.setBackOffMaxInterval(10_000);
		return properties;
	}

	@Test
	void delayFollowsTheBackOffForTheDeliveryCountUpToItsCaps() {
		ExtendedConsumerProperties<DriftqConsumerProperties> properties = properties("PT10S", "PT60S");
		assertThat(List.of(1, 2, 3, 4, 5, 9).stream().map((attempts) -> DelayedNacks.delayMillis(properties, attempts)))
			.containsExactly(1000L, 2000L, 4000L, 8000L, 10_000L, 10_000L);
		// nack-delay caps it, and so does half the lease (a later nack would find the
		// message gone)
		assertThat(DelayedNacks.delayMillis(properties("PT3S", "PT60S"), 5)).isEqualTo(3000);
		assertThat(DelayedNacks.delayMillis(properties("PT10S", "PT4S"), 5)).isEqualTo(2000);
		assertThat(DelayedNacks.delayMillis(properties("PT0S", "PT60S"), 5)).isZero();
	}

	@Test
	void pendingNacksRunAtOnceWhenTheBindingStops() {
		List<String> calls = new CopyOnWriteArrayList<>();
		DelayedNacks nacks = new DelayedNacks("test-nacks");
		nacks.schedule(() -> calls.add("now"), 0);
		nacks.schedule(() -> calls.add("later"), 60_000);
		assertThat(calls).containsExactly("now");
		nacks.runPendingNow();
		assertThat(calls).containsExactly("now", "later");
	}

}
