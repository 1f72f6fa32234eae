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

package io.driftq.idempotent.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.driftq.idempotent.EffectDefinition;
import io.driftq.idempotent.EffectOutcomeUnknownException;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.ExpiredClaimPolicy;
import io.driftq.idempotent.jdbc.JdbcEffectStore;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The {@code effects} Actuator endpoint over real HTTP: a web application on a random
 * port, the endpoint exposed, the effect store on a real SQLite file.
 */
@SpringBootTest(classes = EffectsEndpointHttpTests.WebApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=effects")
class EffectsEndpointHttpTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void effectDatabase(DynamicPropertyRegistry registry) throws IOException {
		Path directory = Files.createTempDirectory("effects-endpoint");
		registry.add("driftq.effects.sqlite.path", () -> directory.resolve("effects.sqlite").toString());
		// no application DataSource: the module's test classpath has spring-boot-jdbc,
		// Flyway and Liquibase
		registry.add("spring.autoconfigure.exclude",
				() -> "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
						+ "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
						+ "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration");
	}

	@Value("${local.server.port}")
	int port;

	@Autowired
	EffectTemplate template;

	@Autowired
	JdbcEffectStore store;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void listsShowsReleasesAndResolvesClaimedAndUnknownEffects() throws Exception {
		// a CLAIMED effect (an ambiguous failure keeps its claim) and an UNKNOWN one
		// (MARK_UNKNOWN after expiry)
		ambiguousFailure(EffectDefinition.of("r", "mail", "claimed"));
		EffectDefinition parked = EffectDefinition.of("r", "mail", "parked")
			.withLease(Duration.ofMillis(300))
			.withOnExpiredClaim(ExpiredClaimPolicy.MARK_UNKNOWN);
		ambiguousFailure(parked);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.store.find("r:mail:parked").orElseThrow().leaseExpired());
		assertThatExceptionOfType(EffectOutcomeUnknownException.class)
			.isThrownBy(() -> this.template.execute(parked, "p", String.class, (effect) -> "ran"));

		HttpResponse<String> list = send("GET", "", null);
		assertThat(list.statusCode()).isEqualTo(200);
		JsonNode effects = JSON.readTree(list.body());
		assertThat(effects.get("CLAIMED")).hasSize(1);
		assertThat(effects.get("CLAIMED").get(0).get("effectId").asString()).isEqualTo("r:mail:claimed");
		assertThat(effects.get("CLAIMED").get(0).get("status").asString()).isEqualTo("CLAIMED");
		assertThat(effects.get("UNKNOWN")).hasSize(1);
		assertThat(effects.get("UNKNOWN").get(0).get("effectId").asString()).isEqualTo("r:mail:parked");
		assertThat(effects.get("UNKNOWN").get(0).get("attempts").asInt()).isEqualTo(1);

		HttpResponse<String> one = send("GET", "/r:mail:parked", null);
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(one.body()).get("status").asString()).isEqualTo("UNKNOWN");
		assertThat(send("GET", "/r:mail:nothing", null).statusCode()).isEqualTo(404);

		// resolve the UNKNOWN one with a result: duplicates replay it
		HttpResponse<String> resolved = send("POST", "/r:mail:parked", "{\"result\": \"\\\"sent by hand\\\"\"}");
		assertThat(resolved.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(resolved.body()).get("resolved").asBoolean()).isTrue();
		assertThat(this.template.execute(parked, "p", String.class, (effect) -> "ran")).isEqualTo("sent by hand");
		// a finished effect can no longer be resolved or released
		assertThat(JSON.readTree(send("POST", "/r:mail:parked", "{}").body()).get("resolved").asBoolean()).isFalse();
		assertThat(JSON.readTree(send("DELETE", "/r:mail:parked", null).body()).get("released").asBoolean()).isFalse();

		// release the CLAIMED one: the next attempt runs it again
		HttpResponse<String> released = send("DELETE", "/r:mail:claimed", null);
		assertThat(released.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(released.body()).get("released").asBoolean()).isTrue();
		assertThat(this.template.execute("r", "mail", "claimed", "p", String.class,
				(effect) -> "attempt " + effect.attempt()))
			.isEqualTo("attempt 2");

		// an id that does not exist: nothing to release or resolve
		assertThat(JSON.readTree(send("DELETE", "/r:mail:nothing", null).body()).get("released").asBoolean()).isFalse();
		assertThat(JSON.readTree(send("POST", "/r:mail:nothing", "{\"result\": \"1\"}").body())
			.get("resolved")
			.asBoolean()).isFalse();
		assertThat(JSON.readTree(send("GET", "", null).body()).get("CLAIMED")).isEmpty();
	}

	@Test
	void resolveWithoutAResultStoresNoneAndAResultThatIsNotJsonIsRejected() throws Exception {
		ambiguousFailure(EffectDefinition.of("r", "mail", "no-result"));
		// not JSON text: 400, and the effect stays CLAIMED
		HttpResponse<String> bad = send("POST", "/r:mail:no-result", "{\"result\": \"sent\"}");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(this.store.find("r:mail:no-result").orElseThrow().status().name()).isEqualTo("CLAIMED");
		// no result in the body: resolved, and duplicates get null
		HttpResponse<String> resolved = send("POST", "/r:mail:no-result", "{}");
		assertThat(resolved.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(resolved.body()).get("resolved").asBoolean()).isTrue();
		assertThat(this.template.execute("r", "mail", "no-result", "p", String.class, (effect) -> "ran")).isNull();
		assertThat(this.store.find("r:mail:no-result").orElseThrow().result()).isNull();
	}

	private void ambiguousFailure(EffectDefinition definition) {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.template.execute(definition, "p", String.class, (effect) -> {
				throw new IllegalStateException("smtp timeout");
			}));
	}

	private HttpResponse<String> send(String method, String path, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/effects" + path))
			.timeout(Duration.ofSeconds(30));
		if (json != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class WebApplication {

	}

}
