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
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * {@code use-native-encoding} / {@code use-native-decoding} (what docs/binder.md
 * recommends for {@code byte[]} payloads): the bytes pass through Spring Cloud Stream
 * unconverted, against a real {@code driftqd}.
 */
@DriftqServerTest
class DriftqNativeEncodingTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class BytesApp {

		final List<Message<byte[]>> received = new CopyOnWriteArrayList<>();

		@Bean
		Consumer<Message<byte[]>> bytes() {
			return this.received::add;
		}

	}

	@Test
	void bytesPassThroughBothWaysAndInvalidUtf8IsStillRefused(DriftqServer server) {
		String topic = "native-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BytesApp.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=bytes",
				"--spring.cloud.stream.bindings.bytes-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.bytes-in-0.group=workers",
				"--spring.cloud.stream.bindings.bytes-in-0.consumer.use-native-decoding=true",
				"--spring.cloud.stream.output-bindings=out",
				"--spring.cloud.stream.bindings.out-out-0.destination=" + topic,
				"--spring.cloud.stream.bindings.out-out-0.producer.use-native-encoding=true")) {
			StreamBridge bridge = context.getBean(StreamBridge.class);
			String json = "{\"id\":1,\"text\":\"caf\u00e9\"}";
			assertThat(bridge.send("out-out-0", json.getBytes(StandardCharsets.UTF_8))).isTrue();
			BytesApp app = context.getBean(BytesApp.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> !app.received.isEmpty());
			Message<byte[]> message = app.received.get(0);
			assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo(json);
			assertThat(message.getHeaders()).containsKey(DriftqHeaders.OFFSET);
			assertThatException().isThrownBy(() -> bridge.send("out-out-0", new byte[] { (byte) 0xC3, (byte) 0x28 }))
				.withStackTraceContaining("not valid UTF-8");
		}
	}

}
