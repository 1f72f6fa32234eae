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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.driftq.client.model.ConsumedMessage;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A network partition between a subscription and the server (packets lost, new
 * connections time out, as when a broker's container goes away with its address): the
 * subscription reports the disconnect and counts the reconnect once the network heals and
 * consumption resumes.
 */
@DriftqServerTest
class SubscriptionPartitionTests {

	@Test
	void aPartitionThatTimesOutConnectsIsReportedAndCountedAsAReconnect(DriftqServer server) throws Exception {
		String topic = "partition-" + UUID.randomUUID();
		AtomicInteger disconnects = new AtomicInteger();
		try (DriftqClient direct = DriftqClient.builder(server.baseUrl()).build();
				PartitionableProxy proxy = new PartitionableProxy(server.port());
				DriftqClient client = DriftqClient.builder("http://127.0.0.1:" + proxy.port())
					.connectTimeout(Duration.ofMillis(500))
					.streamIdleTimeout(Duration.ofSeconds(2))
					.build()) {
			direct.createTopic(topic, 1);
			direct.produce(topic, null, "before");
			try (ConsumeSubscription subscription = client.subscribe(ConsumeOptions.builder(topic, "g").build(),
					new SubscriptionListener() {

						@Override
						public void onDisconnected(Throwable cause) {
							disconnects.incrementAndGet();
						}

					})) {
				assertThat(take(subscription).value()).isEqualTo("before");
				proxy.partition();
				// the silent stream reaches the idle timeout, and the reopening connects
				// time out
				await().atMost(Duration.ofSeconds(15)).until(() -> disconnects.get() == 1);
				assertThat(subscription.isConnected()).isFalse();
				proxy.heal();
				direct.produce(topic, null, "after");
				ConsumedMessage after = take(subscription);
				assertThat(after.value()).isEqualTo("after");
				assertThat(subscription.reconnects()).isEqualTo(1);
				assertThat(subscription.isConnected()).isTrue();
			}
		}
	}

	private static ConsumedMessage take(ConsumeSubscription subscription) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			ConsumedMessage message = subscription.poll(Duration.ofMillis(200));
			if (message != null) {
				return message;
			}
		}
		throw new AssertionError("no message within 30 s");
	}

}
