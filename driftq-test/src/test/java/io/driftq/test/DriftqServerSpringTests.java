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

package io.driftq.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DriftqServerTest} on a Spring test: the context owns a real server, hands its
 * URL to the application as properties and closes it after its own beans.
 */
class DriftqServerSpringTests {

	@Nested
	@SpringJUnitConfig(Empty.class)
	@DriftqServerTest
	class OnASpringTest {

		@Autowired
		Environment environment;

		@Value("${spring.cloud.stream.driftq.binder.url}")
		String binderUrl;

		@Autowired
		DriftqServer bean;

		@Test
		void theUrlIsAPropertyAndTheParameterIsTheContextsServer(DriftqServer server) throws Exception {
			assertThat(server).isSameAs(this.bean);
			assertThat(server.isRunning()).isTrue();
			assertThat(this.binderUrl).isEqualTo(server.baseUrl());
			assertThat(this.environment.getProperty("DRIFTQ_HTTP_URL")).isEqualTo(server.baseUrl());
			HttpResponse<String> health = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(this.binderUrl + "/v1/healthz")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(200);
		}

	}

	@Test
	void theContextClosesTheServerAfterItsOwnBeans() {
		AtomicBoolean runningWhileBeansWereDestroyed = new AtomicBoolean();
		DriftqServer server;
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			new DriftqServerContextCustomizer(DriftqServerSpringTests.class, new String[0]).customizeContext(context,
					null);
			// a bean that still talks to the server while it is destroyed, as the
			// binder's consume streams do
			context.registerBean("streams", AutoCloseable.class,
					() -> () -> runningWhileBeansWereDestroyed.set(context.getBean(DriftqServer.class).isRunning()));
			context.refresh();
			server = context.getBean(DriftqServer.class);
			assertThat(server.isRunning()).isTrue();
		}
		assertThat(runningWhileBeansWereDestroyed).isTrue();
		assertThat(server.isRunning()).isFalse();
	}

	@Test
	void aCustomizerIsMadeOnlyForAnnotatedClasses() {
		DriftqServerContextCustomizerFactory factory = new DriftqServerContextCustomizerFactory();
		assertThat(factory.createContextCustomizer(OnASpringTest.class, java.util.List.of())).isNotNull();
		assertThat(factory.createContextCustomizer(Empty.class, java.util.List.of())).isNull();
		assertThat(factory.createContextCustomizer(OnASpringTest.class, java.util.List.of()))
			.isEqualTo(factory.createContextCustomizer(OnASpringTest.class, java.util.List.of()));
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
