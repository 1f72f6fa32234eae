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

package io.driftq.cloud.stream.binder.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.driftq.client.DriftqClient;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: with {@code enable-observation} and a tracer, the binder's HTTP requests
 * carry the current trace context. A unit test: the DriftQ side is an in-JVM HTTP server
 * that records the request headers (driftqd does not log them).
 */
class DriftqClientTraceContextTests {

	private final List<String> traceparents = new CopyOnWriteArrayList<>();

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/v1/topics", (exchange) -> {
			String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
			this.traceparents.add((traceparent != null) ? traceparent : "<none>");
			byte[] body = "{\"topics\":[]}".getBytes();
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withUserConfiguration(Tracing.class, DriftqBinderConfiguration.class)
			.withPropertyValues(
					"spring.cloud.stream.driftq.binder.url=http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	@Test
	void withObservationOnTheClientSendsTheCurrentTraceContext() {
		runner().withPropertyValues("spring.cloud.stream.driftq.binder.enable-observation=true").run((context) -> {
			assertThat(context).hasNotFailed();
			DriftqClient client = context.getBean("driftqBinderClient", DriftqClient.class);
			Tracer tracer = context.getBean(Tracer.class);
			Span span = tracer.nextSpan().name("send").start();
			try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
				client.listTopics();
			}
			finally {
				span.end();
			}
			client.listTopics();
			assertThat(this.traceparents)
				.containsExactly("00-" + span.context().traceId() + "-" + span.context().spanId() + "-01", "<none>");
		});
	}

	@Test
	void withObservationOffNoTraceContextIsSent() {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			DriftqClient client = context.getBean("driftqBinderClient", DriftqClient.class);
			Tracer tracer = context.getBean(Tracer.class);
			Span span = tracer.nextSpan().name("send").start();
			try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
				client.listTopics();
			}
			finally {
				span.end();
			}
			assertThat(this.traceparents).containsExactly("<none>");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Tracing {

		@Bean
		SimpleTracer tracer() {
			return new SimpleTracer();
		}

		@Bean
		Propagator propagator(Tracer tracer) {
			return new io.driftq.cloud.stream.binder.observation.W3cTestPropagator(tracer);
		}

		@Bean
		ObservationRegistry observationRegistry() {
			return ObservationRegistry.create();
		}

	}

}
