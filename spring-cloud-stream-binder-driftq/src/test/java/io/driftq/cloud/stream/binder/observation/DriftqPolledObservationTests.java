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

import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
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
import org.springframework.cloud.stream.binder.PollableMessageSource;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A polled consumer binding's observations against a real {@code driftqd}, recorded by
 * Micrometer's {@link TestObservationRegistry} (with {@code SimpleTracer}'s handlers, to
 * see the trace context): each delivery handed out by a poll is a {@code driftq.consumer}
 * observation with the push path's keys, the child of the producer's span when its trace
 * context travelled in the embedded headers, and the handler runs in its scope; a failing
 * handler records the error; with observation off nothing is observed.
 */
@DriftqServerTest
class DriftqPolledObservationTests {

	private static final ParameterizedTypeReference<String> STRING = new ParameterizedTypeReference<>() {
	};

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class PolledApp {

		final SimpleTracer tracer = new SimpleTracer();

		final TestObservationRegistry registry = TestObservationRegistry.create();

		@Bean
		SimpleTracer simpleTracer() {
			return this.tracer;
		}

		@Bean
		TestObservationRegistry observationRegistry() {
			W3cTestPropagator propagator = new W3cTestPropagator(this.tracer);
			this.registry.observationConfig()
				.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
						new PropagatingSenderTracingObservationHandler<>(this.tracer, propagator),
						new PropagatingReceiverTracingObservationHandler<>(this.tracer, propagator),
						new DefaultTracingObservationHandler(this.tracer)));
			return this.registry;
		}

	}

	@Test
	void eachPolledDeliveryIsAConsumerObservationThatIsTheChildOfTheProducers(DriftqServer server) {
		String topic = "polled-observed-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic,
				"--spring.cloud.stream.driftq.binder.enable-observation=true")) {
			PolledApp app = context.getBean(PolledApp.class);
			PollableMessageSource source = context.getBean(PollableMessageSource.class);
			context.getBean(StreamBridge.class).send("orders-out", "order-1");
			List<Message<?>> received = new CopyOnWriteArrayList<>();
			List<Span> handlerSpans = new CopyOnWriteArrayList<>();
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ZERO).until(() -> {
				source.poll((message) -> {
					handlerSpans.add(app.tracer.currentSpan());
					received.add(message);
				}, STRING);
				return !received.isEmpty();
			});
			TestObservationRegistryAssert.assertThat(app.registry)
				.hasObservationWithNameEqualTo("driftq.consumer")
				.that()
				.hasBeenStarted()
				.hasBeenStopped()
				.hasContextualNameEqualTo(topic + " process")
				.hasLowCardinalityKeyValue("messaging.system", "driftq")
				.hasLowCardinalityKeyValue("messaging.operation", "process")
				.hasLowCardinalityKeyValue("messaging.destination.name", topic)
				.hasLowCardinalityKeyValue("messaging.consumer.group.name", "pollers")
				.hasLowCardinalityKeyValue("spring.cloud.stream.binding", "polled-in-0")
				.hasHighCardinalityKeyValue("messaging.destination.partition.id", "0")
				.hasHighCardinalityKeyValue("messaging.driftq.message.offset", "0")
				.hasHighCardinalityKeyValue("messaging.driftq.message.attempt", "1")
				.doesNotHaveHighCardinalityKeyValueWithKey("messaging.driftq.message.key")
				.doesNotHaveError();
			SimpleSpan producer = span(app, topic + " send");
			SimpleSpan consumer = span(app, topic + " process");
			assertThat(consumer.getKind()).isEqualTo(Span.Kind.CONSUMER);
			assertThat(consumer.getTraceId()).isEqualTo(producer.getTraceId());
			assertThat(consumer.getParentId()).isEqualTo(producer.getSpanId());
			// the handler ran in the consumer observation's scope
			assertThat(handlerSpans).hasSize(1);
			assertThat(handlerSpans.get(0)).isNotNull();
			assertThat(handlerSpans.get(0).context().spanId()).isEqualTo(consumer.getSpanId());
			assertThat(received.get(0).getPayload()).isEqualTo("order-1");
			// the scope was closed on the polling thread once the poll settled the
			// delivery
			assertThat(app.registry.getCurrentObservation()).isNull();
		}
	}

	@Test
	void aFailingPolledHandlerRecordsTheErrorOnItsObservation(DriftqServer server) {
		String topic = "polled-observed-failure-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic,
				"--spring.cloud.stream.driftq.binder.enable-observation=true",
				"--spring.cloud.stream.bindings.polled-in-0.consumer.max-attempts=1",
				"--spring.cloud.stream.driftq.bindings.polled-in-0.consumer.nack-delay=30s")) {
			PolledApp app = context.getBean(PolledApp.class);
			PollableMessageSource source = context.getBean(PollableMessageSource.class);
			context.getBean(StreamBridge.class).send("orders-out", "poison");
			List<Object> handled = new CopyOnWriteArrayList<>();
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ZERO).ignoreExceptions().until(() -> {
				source.poll((message) -> {
					handled.add(message.getPayload());
					throw new IllegalStateException("cannot handle " + message.getPayload());
				}, STRING);
				return !handled.isEmpty();
			});
			TestObservationRegistryAssert.assertThat(app.registry)
				.hasObservationWithNameEqualTo("driftq.consumer")
				.that()
				.hasBeenStopped()
				.assertThatError()
				.hasRootCauseMessage("cannot handle poison");
			assertThat(app.registry.getCurrentObservation()).isNull();
		}
	}

	@Test
	void withObservationOffAPolledDeliveryIsNotObserved(DriftqServer server) {
		String topic = "polled-unobserved-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = run(server, topic)) {
			PolledApp app = context.getBean(PolledApp.class);
			PollableMessageSource source = context.getBean(PollableMessageSource.class);
			context.getBean(StreamBridge.class).send("orders-out", "order-2");
			List<Message<?>> received = new CopyOnWriteArrayList<>();
			await().atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ZERO)
				.until(() -> source.poll(received::add, STRING) && !received.isEmpty());
			TestObservationRegistryAssert.assertThat(app.registry)
				.hasNumberOfObservationsWithNameEqualTo("driftq.consumer", 0);
			assertThat(received.get(0).getHeaders()).doesNotContainKey("traceparent");
		}
	}

	private static SimpleSpan span(PolledApp app, String name) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> app.tracer.getSpans()
				.stream()
				.anyMatch((span) -> name.equals(span.getName()) && span.getEndTimestamp().toEpochMilli() > 0));
		return app.tracer.getSpans().stream().filter((span) -> name.equals(span.getName())).findFirst().orElseThrow();
	}

	private static ConfigurableApplicationContext run(DriftqServer server, String topic, String... more) {
		List<String> args = new ArrayList<>(List.of("--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=",
				"--spring.cloud.stream.pollable-source=polled",
				"--spring.cloud.stream.bindings.polled-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.polled-in-0.group=pollers",
				"--spring.cloud.stream.bindings.orders-out.destination=" + topic,
				"--spring.cloud.stream.driftq.bindings.orders-out.producer.embedded-headers=contentType"));
		args.addAll(List.of(more));
		return new SpringApplicationBuilder(PolledApp.class).run(args.toArray(String[]::new));
	}

}
