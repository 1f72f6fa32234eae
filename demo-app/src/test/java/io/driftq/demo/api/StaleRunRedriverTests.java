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

package io.driftq.demo.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.demo.Topics;
import io.driftq.test.DriftqServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API alone (no worker) against a real {@code driftqd}: a run that shows no progress
 * has its command sent again, under a new DriftQ idempotency key, with a
 * {@code command.redriven} event, at most {@code sidefx.redrive-max} (3) times; a
 * finished run is left alone, and so is one whose events topic says it completed (a
 * worker with another run table finished it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sidefx.redrive-after=2s", "sidefx.redrive-check=200ms" })
@ActiveProfiles({ "api", "demo" })
class StaleRunRedriverTests {

	private static final DemoTestStack STACK = DemoTestStack.start("redrive");

	private static final DriftqServer DRIFTQ = STACK.driftq();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void demoProperties(DynamicPropertyRegistry registry) {
		STACK.register(registry);
	}

	@AfterAll
	static void stopDriftq() {
		DRIFTQ.close();
	}

	@Test
	void aStaleRunIsRedrivenAndAFinishedOneIsNot() throws Exception {
		String stale = startRun("redrive-stale-" + UUID.randomUUID());
		String finished = startRun("redrive-done-" + UUID.randomUUID());
		this.jdbc.update("UPDATE sidefx_run SET status = 'COMPLETED' WHERE run_id = ?", finished);
		// completed by a worker whose run table this API does not share: only its events
		// say so
		String completedElsewhere = startRun("redrive-elsewhere-" + UUID.randomUUID());
		try (DriftqClient client = DriftqClient.builder(DRIFTQ.baseUrl()).build()) {
			client.produce(Topics.events(completedElsewhere), null,
					"{\"type\": \"run.completed\", \"run_id\": \"" + completedElsewhere + "\"}");
		}

		List<ConsumedMessage> commands = new CopyOnWriteArrayList<>();
		try (DriftqClient client = DriftqClient.builder(DRIFTQ.baseUrl()).build();
				ConsumeSubscription subscription = client
					.subscribe(ConsumeOptions.builder(Topics.COMMANDS, "test-" + UUID.randomUUID())
						.lease(Duration.ofSeconds(30))
						.build())) {
			await("the stale run's command sent, then re-driven 3 times (sidefx.redrive-max)")
				.atMost(Duration.ofSeconds(60))
				.until(() -> {
					readInto(client, subscription, commands);
					return runIdsOf(commands).stream().filter(stale::equals).count() >= 4;
				});
			await("no more re-drives").during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() -> {
				readInto(client, subscription, commands);
				return runIdsOf(commands).stream().filter(stale::equals).count() == 4;
			});
		}

		assertThat(runIdsOf(commands)).filteredOn(finished::equals).hasSize(1);
		assertThat(runIdsOf(commands)).filteredOn(completedElsewhere::equals).hasSize(1);
		assertThat(this.jdbc.queryForObject("SELECT status FROM sidefx_run WHERE run_id = ?", String.class,
				completedElsewhere))
			.isEqualTo("COMPLETED");
		assertThat(JSON
			.readTree(HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/runs/" + stale)).build(),
						HttpResponse.BodyHandlers.ofString())
				.body())
			.get("redrives")
			.asInt()).isEqualTo(3);
		assertThat(commands.stream()
			.filter((m) -> m.value().contains(stale))
			.map((m) -> m.envelopeOrEmpty().idempotencyKey())).doesNotHaveDuplicates()
			.allSatisfy((key) -> assertThat(key).startsWith("cmd:" + stale + ":charge_card:"));
		assertThat(this.jdbc.queryForObject("SELECT status FROM sidefx_run WHERE run_id = ?", String.class, stale))
			.isEqualTo("QUEUED");
	}

	private static void readInto(DriftqClient client, ConsumeSubscription subscription, List<ConsumedMessage> commands)
			throws InterruptedException {
		ConsumedMessage message = subscription.poll(Duration.ofMillis(200));
		if (message != null) {
			commands.add(message);
			client.ack(message);
		}
	}

	private static List<String> runIdsOf(List<ConsumedMessage> messages) {
		return messages.stream().map((m) -> JSON.readTree(m.value()).get("run_id").asString()).toList();
	}

	private String startRun(String businessKey) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/runs"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"business_key\": \"" + businessKey + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).get("run_id").asString();
	}

}
