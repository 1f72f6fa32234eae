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

package io.driftq.benchmarks.binder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.driftq.client.DriftqClient;
import io.driftq.cloud.stream.binder.DriftqHeaders;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;

/**
 * The binder path: a Spring Boot context with the DriftQ binder, a
 * {@code Consumer<Message<byte[]>>} bound to the topic and a group with
 * {@code concurrency = partitions}, AUTO ack, produced through {@code StreamBridge.send}
 * on an output binding to the same topic. Started once. Observed
 * ({@link ObservedBinderApp}: {@code enable-observation} and an
 * {@code ObservationRegistry} with a meter handler) or not (no
 * {@code ObservationRegistry} at all, as in an application without the actuator).
 */
final class BinderPath implements BenchmarkPath {

	private final String topic;

	private final Settings settings;

	private final RoundRunner runner;

	private final CurrentRound current = new CurrentRound();

	private final ConfigurableApplicationContext context;

	private final StreamBridge bridge;

	/**
	 * Diagnostic {@code rawProducer}: the binder's consumer alone, fed by the raw client.
	 */
	private final DriftqClient rawProducer;

	private int round;

	BinderPath(String url, String run, Settings settings, RoundRunner runner) {
		this(url, run, settings, runner, false);
	}

	BinderPath(String url, String run, Settings settings, RoundRunner runner, boolean observed) {
		this.topic = (observed ? "bench-binder-observed-" : "bench-binder-") + run;
		this.settings = settings;
		this.runner = runner;
		int partitions = settings.partitions();
		// Created up front with the same partition count as the raw path's topic.
		try (DriftqClient admin = DriftqClient.builder(url).build()) {
			admin.createTopic(this.topic, partitions);
		}
		SpringApplicationBuilder builder = new SpringApplicationBuilder(
				observed ? ObservedBinderApp.class : BinderApp.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("currentRound", this.current));
		List<String> args = new ArrayList<>(
				List.of("--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
						"--spring.main.log-startup-info=false", "--spring.cloud.function.definition=bench",
						"--spring.cloud.stream.driftq.binder.url=" + url,
						"--spring.cloud.stream.bindings.bench-in-0.destination=" + this.topic,
						"--spring.cloud.stream.bindings.bench-in-0.group=workers",
						"--spring.cloud.stream.bindings.bench-in-0.consumer.concurrency=" + partitions,
						"--spring.cloud.stream.driftq.bindings.bench-in-0.consumer.partitions=" + partitions,
						"--spring.cloud.stream.driftq.bindings.bench-in-0.consumer.buffer-size=" + Settings.BUFFER_SIZE,
						"--spring.cloud.stream.driftq.bindings.bench-in-0.consumer.lease=" + Settings.LEASE.toSeconds()
								+ "s",
						"--spring.cloud.stream.output-bindings=benchOut",
						"--spring.cloud.stream.bindings.benchOut-out-0.destination=" + this.topic,
						"--spring.cloud.stream.driftq.binder.enable-observation=" + observed));
		switch (settings.conversion()) {
			case "native" -> {
				// the function takes and StreamBridge sends byte[], as the raw loop does:
				// no conversion either way
				args.add("--spring.cloud.stream.bindings.bench-in-0.consumer.use-native-decoding=true");
				args.add("--spring.cloud.stream.bindings.benchOut-out-0.producer.use-native-encoding=true");
			}
			case "octet-stream" -> {
				args.add("--spring.cloud.stream.bindings.bench-in-0.content-type=application/octet-stream");
				args.add("--spring.cloud.stream.bindings.benchOut-out-0.content-type=application/octet-stream");
			}
			default -> {
				// json: Spring Cloud Stream's default content type
			}
		}
		this.context = builder.run(args.toArray(String[]::new));
		this.bridge = this.context.getBean(StreamBridge.class);
		this.rawProducer = settings.rawProducer() ? DriftqClient.builder(url).build() : null;
	}

	@Override
	public Stats.Round round(int messages) throws Exception {
		Tracker tracker = new Tracker(messages, this.settings.window());
		this.current.set(tracker);
		String keyPrefix = this.topic + "-" + (++this.round);
		if (this.rawProducer != null) {
			return this.runner.run(tracker, keyPrefix, this.settings.producers(),
					(key, value) -> this.rawProducer.produce(this.topic, key, value));
		}
		return this.runner.run(tracker, keyPrefix, this.settings.producers(), (key, value) -> {
			Message<byte[]> message = MessageBuilder.withPayload(value.getBytes(StandardCharsets.UTF_8))
				.setHeader(DriftqHeaders.KEY, key)
				.build();
			if (!this.bridge.send("benchOut-out-0", message)) {
				throw new IllegalStateException("StreamBridge.send returned false");
			}
		});
	}

	@Override
	public void close() {
		this.context.close();
		if (this.rawProducer != null) {
			this.rawProducer.close();
		}
	}

}
