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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import io.driftq.client.DriftqClient;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A message waiting in one stream's read-ahead buffer (its worker is busy with another
 * message) must hold back the acks of higher offsets of its partition that another
 * stream's worker handles meanwhile: DriftQ's committed offset is a high-water mark, so
 * an ack of a higher offset followed by a broker restart would lose the waiting message.
 */
@DriftqServerTest
class DriftqReadAheadOrderTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class BlockingApp {

		final CountDownLatch release = new CountDownLatch(1);

		final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

		/**
		 * "block" keeps its worker (and so that stream's buffer) waiting until the test
		 * releases it.
		 */
		@Bean
		Consumer<Message<String>> work() {
			return (message) -> {
				String value = message.getPayload();
				int delivery = this.deliveries.computeIfAbsent(value, (v) -> new AtomicInteger()).incrementAndGet();
				if (value.equals("block") && delivery == 1) {
					try {
						this.release.await(60, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			};
		}

		boolean handled(String value) {
			return this.deliveries.containsKey(value);
		}

	}

	@Test
	void aMessageWaitingInTheReadAheadBufferIsRedeliveredAfterABrokerRestart(DriftqServer server) {
		String topic = "read-ahead-" + UUID.randomUUID();
		String blockKey = keyForPartition(1, 2);
		String key = keyForPartition(0, 2);
		List<String> sent = IntStream.range(0, 4).mapToObj((i) -> "m-" + i).toList();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl())
			.requestTimeout(Duration.ofSeconds(2))
			.build()) {
			client.createTopic(topic, 2);
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BlockingApp.class).run(
					"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
					"--spring.main.web-application-type=none", "--spring.cloud.function.definition=work",
					"--spring.cloud.stream.bindings.work-in-0.destination=" + topic,
					"--spring.cloud.stream.bindings.work-in-0.group=workers",
					"--spring.cloud.stream.bindings.work-in-0.content-type=text/plain",
					"--spring.cloud.stream.bindings.work-in-0.consumer.concurrency=2",
					"--spring.cloud.stream.driftq.bindings.work-in-0.consumer.buffer-size=4",
					"--spring.cloud.stream.driftq.bindings.work-in-0.consumer.lease=60s",
					"--spring.cloud.stream.driftq.bindings.work-in-0.consumer.shutdown-timeout=1s")) {
				BlockingApp app = context.getBean(BlockingApp.class);
				client.produce(topic, blockKey, "block");
				await().atMost(Duration.ofSeconds(20)).until(() -> app.handled("block"));
				// partition 0, offsets in this order; DriftQ hands them round-robin to
				// the two streams, so one lands
				// in the buffer behind "block" while the other stream handles a later one
				sent.forEach((value) -> client.produce(topic, key, value));
				await().atMost(Duration.ofSeconds(20)).until(() -> waitingBehindLater(app, sent) != null);
				String waiting = waitingBehindLater(app, sent);
				server.stop();
				server.restart();
				app.release.countDown();
				// the waiting message is handled from the old buffer and, because no
				// later ack moved the committed
				// offset past it, DriftQ delivers it again after the restart
				await().atMost(Duration.ofSeconds(60))
					.untilAsserted(() -> assertThat(app.deliveries.get(waiting)).hasValueGreaterThanOrEqualTo(2));
			}
		}
	}

	/** The first sent message not handled yet while a later one was, or {@code null}. */
	private static String waitingBehindLater(BlockingApp app, List<String> sent) {
		for (int i = 0; i < sent.size(); i++) {
			if (!app.handled(sent.get(i))) {
				for (int j = i + 1; j < sent.size(); j++) {
					if (app.handled(sent.get(j))) {
						return sent.get(i);
					}
				}
				return null;
			}
		}
		return null;
	}

	/**
	 * A key DriftQ puts on {@code partition} of {@code partitions} (FNV-1a-32 of the key
	 * bytes, modulo).
	 */
	static String keyForPartition(int partition, int partitions) {
		for (int i = 0;; i++) {
			String key = "k-" + i;
			int hash = 0x811c9dc5;
			for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
				hash ^= (b & 0xff);
				hash *= 0x01000193;
			}
			if (Integer.remainderUnsigned(hash, partitions) == partition) {
				return key;
			}
		}
	}

}
