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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.driftq.cloud.stream.binder.config.JsonByteArrayPassThroughMessageConverter;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code byte[]} payloads under Spring Cloud Stream's default content type
 * ({@code application/json}), against a real {@code driftqd}: with the binder's
 * {@link JsonByteArrayPassThroughMessageConverter} (on by default) the bytes arrive as
 * sent and no JSON converter fails on them; a JSON record target is still converted by
 * Jackson. Without it ({@code json-byte-array-pass-through=false}) the same bytes arrive,
 * after Spring Cloud Function's JSON converters failed on each message (logged at DEBUG,
 * which these tests switch on): if a Spring Cloud Function upgrade stops that,
 * {@link #withoutThePassThroughEveryMessageFailsJsonConversion} says so and the converter
 * can go.
 */
@DriftqServerTest
@ExtendWith(OutputCaptureExtension.class)
class DriftqJsonByteArrayConversionTests {

	/**
	 * What Spring Cloud Stream's and Spring Cloud Function's JSON converters log when
	 * Jackson fails.
	 */
	private static final Pattern CONVERSION_FAILURE = Pattern.compile("Failed to convert value: .* to: class \\[B");

	record Order(int id, String text) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		final List<Message<byte[]>> bytes = new CopyOnWriteArrayList<>();

		final List<Order> orders = new CopyOnWriteArrayList<>();

		@Bean
		Consumer<Message<byte[]>> bytes() {
			return this.bytes::add;
		}

		@Bean
		Consumer<Order> orders() {
			return this.orders::add;
		}

	}

	@Test
	void bytesPassUnchangedWithoutConversionFailuresAndRecordsAreStillConverted(DriftqServer server,
			CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(server, true)) {
			App app = context.getBean(App.class);
			List<String> sent = sendBytes(context);
			await().atMost(Duration.ofSeconds(20)).until(() -> app.bytes.size() == sent.size());
			assertThat(app.bytes).extracting((message) -> new String(message.getPayload(), StandardCharsets.UTF_8))
				.containsExactlyInAnyOrderElementsOf(sent);
			assertThat(app.bytes)
				.allSatisfy((message) -> assertThat(message.getHeaders()).containsKey(DriftqHeaders.OFFSET));
			sendOrder(context);
			await().atMost(Duration.ofSeconds(20)).until(() -> !app.orders.isEmpty());
			assertThat(app.orders).containsExactly(new Order(7, "caf\u00e9"));
			assertThat(conversionFailures(output)).isZero();
		}
	}

	@Test
	void withoutThePassThroughEveryMessageFailsJsonConversion(DriftqServer server, CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(server, false)) {
			assertThat(context.getBeansOfType(JsonByteArrayPassThroughMessageConverter.class)).isEmpty();
			App app = context.getBean(App.class);
			List<String> sent = sendBytes(context);
			await().atMost(Duration.ofSeconds(20)).until(() -> app.bytes.size() == sent.size());
			assertThat(app.bytes).extracting((message) -> new String(message.getPayload(), StandardCharsets.UTF_8))
				.containsExactlyInAnyOrderElementsOf(sent);
			// Spring Cloud Stream's JSON converter and then Spring Cloud Function's each
			// fail once per message
			assertThat(conversionFailures(output)).isGreaterThanOrEqualTo(sent.size());
			sendOrder(context);
			await().atMost(Duration.ofSeconds(20)).until(() -> !app.orders.isEmpty());
			assertThat(app.orders).containsExactly(new Order(7, "caf\u00e9"));
		}
	}

	private static ConfigurableApplicationContext start(DriftqServer server, boolean passThrough) {
		String topic = "json-bytes-" + UUID.randomUUID();
		return new SpringApplicationBuilder(App.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=bytes;orders",
				"--spring.cloud.stream.driftq.binder.json-byte-array-pass-through=" + passThrough,
				"--logging.level.org.springframework.cloud.stream.converter=DEBUG",
				"--logging.level.org.springframework.cloud.function.context.config.JsonMessageConverter=DEBUG",
				"--spring.cloud.stream.bindings.bytes-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.bytes-in-0.group=workers",
				"--spring.cloud.stream.bindings.orders-in-0.destination=" + topic + "-orders",
				"--spring.cloud.stream.bindings.orders-in-0.group=workers",
				"--spring.cloud.stream.output-bindings=bytesOut;ordersOut",
				"--spring.cloud.stream.bindings.bytesOut-out-0.destination=" + topic,
				"--spring.cloud.stream.bindings.ordersOut-out-0.destination=" + topic + "-orders");
	}

	/** JSON objects as byte[] through StreamBridge, with the default content type. */
	private static List<String> sendBytes(ConfigurableApplicationContext context) {
		StreamBridge bridge = context.getBean(StreamBridge.class);
		List<String> sent = List.of("{\"id\":1,\"text\":\"caf\u00e9\"}", " {\"id\":2,\"nested\":{\"a\":[1,2]}}",
				"{\"id\":3}");
		for (String json : sent) {
			assertThat(bridge.send("bytesOut-out-0", json.getBytes(StandardCharsets.UTF_8))).isTrue();
		}
		return sent;
	}

	private static void sendOrder(ConfigurableApplicationContext context) {
		assertThat(context.getBean(StreamBridge.class)
			.send("ordersOut-out-0", "{\"id\":7,\"text\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8))).isTrue();
	}

	private static int conversionFailures(CapturedOutput output) {
		Matcher matcher = CONVERSION_FAILURE.matcher(output.getAll());
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
