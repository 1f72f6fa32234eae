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

package io.driftq.cloud.stream.binder.observation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The binder's observations against a real {@code driftqd}, traced with Micrometer's
 * {@code SimpleTracer}: a {@code StreamBridge} send and its delivery give a producer span
 * and a consumer span whose parent is the producer's, with the messaging keys; with
 * observation off, nothing is observed and no trace context travels.
 */
@DriftqServerTest
class DriftqObservationTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TracedApp {

		final SimpleTracer tracer = new SimpleTracer();

		final List<Observation.Context> observed = new CopyOnWriteArrayList<>();

		final List<Message<String>> received = new CopyOnWriteArrayList<>();

		/** The span current in the handler, for each message. */
		final List<Span> handlerSpans = new CopyOnWriteArrayList<>();

		@Bean
		SimpleTracer simpleTracer() {
			return this.tracer;
		}

		@Bean
		ObservationRegistry observationRegistry() {
			W3cTestPropagator propagator = new W3cTestPropagator(this.tracer);
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig()
				.observationHandler((ObservationHandler<Observation.Context>) new Recording(this.observed))
				.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
						new PropagatingSenderTracingObservationHandler<>(this.tracer, propagator),
						new PropagatingReceiverTracingObservationHandler<>(this.tracer, propagator),
						new DefaultTracingObservationHandler(this.tracer)));
			return registry;
		}

		@Bean
		Consumer<Message<String>> work() {
			return (message) -> {
				this.handlerSpans.add(this.tracer.currentSpan());
				this.received.add(message);
			};
		}

	}

	/** A custom consumer convention bean: replaces the default one. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class CustomConventionApp extends TracedApp {

		@Bean
		DriftqConsumerObservationConvention customConsumerConvention() {
			return new DefaultDriftqConsumerObservationConvention() {

				@Override
				public KeyValues getLowCardinalityKeyValues(DriftqReceiverContext context) {
					return super.getLowCardinalityKeyValues(context).and("app.tier", "gold");
				}

			};
		}

	}

	/** A handler that always fails. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class FailingApp extends TracedApp {

		@Bean
		@Override
		Consumer<Message<String>> work() {
			return (message) -> {
				this.received.add(message);
				throw new IllegalStateException("cannot handle " + message.getPayload());
			};
		}

	}

	record Recording(List<Observation.Context> observed) implements ObservationHandler<Observation.Context> {

		@Override
		public void onStart(Observation.Context context) {
			this.observed.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

	@Test
	void aSendAndItsDeliveryGiveAProducerSpanAndAConsumerSpanThatIsItsChild(DriftqServer server) {
		String topic = "observed-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(TracedApp.class, server, topic,
				"--spring.cloud.stream.driftq.binder.enable-observation=true")) {
			TracedApp app = context.getBean(TracedApp.class);
			context.getBean(StreamBridge.class).send("orders-out", "order-1");
			await().atMost(Duration.ofSeconds(20)).until(() -> !app.received.isEmpty());
			SimpleSpan producer = awaitSpan(app, topic + " send");
			SimpleSpan consumer = awaitSpan(app, topic + " process");

			assertThat(consumer.getTraceId()).isEqualTo(producer.getTraceId());
			assertThat(consumer.getParentId()).isEqualTo(producer.getSpanId());
			assertThat(producer.getKind()).isEqualTo(Span.Kind.PRODUCER);
			assertThat(consumer.getKind()).isEqualTo(Span.Kind.CONSUMER);
			assertThat(producer.getTags()).containsEntry("messaging.system", "driftq")
				.containsEntry("messaging.operation", "send")
				.containsEntry("messaging.destination.name", topic)
				.containsEntry("spring.cloud.stream.binding", "orders-out")
				.doesNotContainKey("messaging.driftq.message.key");
			assertThat(consumer.getTags()).containsEntry("messaging.system", "driftq")
				.containsEntry("messaging.operation", "process")
				.containsEntry("messaging.destination.name", topic)
				.containsEntry("messaging.consumer.group.name", "workers")
				.containsEntry("spring.cloud.stream.binding", "work-in-0")
				.containsEntry("messaging.destination.partition.id", "0")
				.containsEntry("messaging.driftq.message.offset", "0")
				.containsEntry("messaging.driftq.message.attempt", "1")
				.doesNotContainKey("messaging.driftq.message.key");
			// the handler runs in the consumer observation's scope: its span belongs to
			// the producer's trace
			assertThat(app.handlerSpans).hasSize(1);
			assertThat(app.handlerSpans.get(0)).isNotNull();
			assertThat(app.handlerSpans.get(0).context().traceId()).isEqualTo(producer.getTraceId());
			// the trace context travelled in the embedded headers and reached the handler
			// as headers
			assertThat(app.received.get(0).getPayload()).isEqualTo("order-1");
			assertThat(app.received.get(0).getHeaders().get("traceparent"))
				.isEqualTo("00-" + producer.getTraceId() + "-" + producer.getSpanId() + "-01");
			assertThat(app.received.get(0).getHeaders()).containsEntry("tracestate", "driftq=test");
		}
	}

	@Test
	void theMessageKeyIsAnObservationKeyOnlyWhenAllowedAndAConventionBeanReplacesTheDefault(DriftqServer server) {
		String topic = "observed-key-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(CustomConventionApp.class, server, topic,
				"--spring.cloud.stream.driftq.binder.enable-observation=true",
				"--spring.cloud.stream.driftq.binder.observation-message-key=true",
				"--spring.cloud.stream.driftq.bindings.orders-out.producer.key-expression='customer-7'")) {
			TracedApp app = context.getBean(TracedApp.class);
			context.getBean(StreamBridge.class).send("orders-out", "order-2");
			await().atMost(Duration.ofSeconds(20)).until(() -> !app.received.isEmpty());
			SimpleSpan producer = awaitSpan(app, topic + " send");
			SimpleSpan consumer = awaitSpan(app, topic + " process");
			assertThat(producer.getTags()).containsEntry("messaging.driftq.message.key", "customer-7");
			assertThat(consumer.getTags()).containsEntry("messaging.driftq.message.key", "customer-7")
				.containsEntry("app.tier", "gold")
				.containsEntry("messaging.system", "driftq");
		}
	}

	@Test
	void aFailedDeliveryRecordsTheErrorOnTheConsumerSpan(DriftqServer server) {
		String topic = "observed-failure-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(FailingApp.class, server, topic,
				"--spring.cloud.stream.driftq.binder.enable-observation=true",
				"--spring.cloud.stream.bindings.work-in-0.consumer.max-attempts=1",
				"--spring.cloud.stream.driftq.bindings.work-in-0.consumer.nack-delay=30s")) {
			TracedApp app = context.getBean(TracedApp.class);
			context.getBean(StreamBridge.class).send("orders-out", "poison");
			SimpleSpan consumer = awaitSpan(app, topic + " process");
			assertThat(consumer.getError()).hasRootCauseMessage("cannot handle poison");
			assertThat(consumer.getTags()).containsEntry("messaging.driftq.message.attempt", "1");
			assertThat(awaitSpan(app, topic + " send").getError()).isNull();
		}
	}

	@Test
	void withObservationOffNothingIsObservedAndNoTraceContextTravels(DriftqServer server) throws Exception {
		String topic = "unobserved-" + UUID.randomUUID();
		try (DriftqClient client = DriftqClient.builder(server.baseUrl()).build();
				ConfigurableApplicationContext context = run(TracedApp.class, server, topic)) {
			TracedApp app = context.getBean(TracedApp.class);
			try (ConsumeSubscription raw = client
				.subscribe(ConsumeOptions.builder(topic, "raw-" + UUID.randomUUID()).build())) {
				context.getBean(StreamBridge.class).send("orders-out", "order-3");
				await().atMost(Duration.ofSeconds(20)).until(() -> !app.received.isEmpty());
				List<ConsumedMessage> seen = new ArrayList<>();
				await().atMost(Duration.ofSeconds(20)).until(() -> {
					ConsumedMessage next = raw.poll(Duration.ofMillis(200));
					if (next != null) {
						seen.add(next);
					}
					return !seen.isEmpty();
				});
				assertThat(seen.get(0).value()).contains("order-3").doesNotContain("traceparent");
			}
			assertThat(app.observed).noneMatch(
					(observed) -> observed instanceof DriftqSenderContext || observed instanceof DriftqReceiverContext);
			assertThat(app.tracer.getSpans()).noneMatch((span) -> span.getName().startsWith(topic));
			assertThat(app.received.get(0).getHeaders()).doesNotContainKey("traceparent");
		}
	}

	private static SimpleSpan awaitSpan(TracedApp app, String name) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> app.tracer.getSpans()
				.stream()
				.anyMatch((span) -> name.equals(span.getName()) && span.getEndTimestamp().toEpochMilli() > 0));
		return app.tracer.getSpans().stream().filter((span) -> name.equals(span.getName())).findFirst().orElseThrow();
	}

	private static ConfigurableApplicationContext run(Class<?> app, DriftqServer server, String topic, String... more) {
		List<String> args = new ArrayList<>(List.of("--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=work",
				"--spring.cloud.stream.bindings.work-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.work-in-0.group=workers",
				"--spring.cloud.stream.bindings.orders-out.destination=" + topic,
				"--spring.cloud.stream.driftq.bindings.orders-out.producer.embedded-headers=contentType"));
		args.addAll(List.of(more));
		return new SpringApplicationBuilder(app).run(args.toArray(String[]::new));
	}

}
