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

package io.driftq.demo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the failure-matrix tests assert about a stack: every run completed, and per
 * business key one {@code done} effect row, one charge file at the fake provider and one
 * ticket, counted by the files' contents (not their names).
 */
final class Outcomes {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DemoStack stack;

	Outcomes(DemoStack stack) {
		this.stack = stack;
	}

	/**
	 * Waits until every run is {@code completed}; fails at once when one ends in
	 * {@code dlq}.
	 */
	void awaitCompleted(Map<String, String> runIdsByKey, Duration timeout) {
		DemoApi api = this.stack.api();
		await("runs completed").atMost(timeout).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			List<String> notDone = new ArrayList<>();
			runIdsByKey.forEach((key, runId) -> {
				String status = api.runStatus(runId);
				assertThat(status).as("run of " + key + " was dead-lettered").isNotEqualTo("dlq");
				if (!"completed".equals(status)) {
					notDone.add(key + "=" + status);
				}
			});
			assertThat(notDone).as("runs not completed").isEmpty();
		});
	}

	/** One done effect row, one charge and one ticket for each key. */
	void assertChargedOnce(Collection<String> keys) {
		Map<String, List<String>> effects = new LinkedHashMap<>();
		for (JsonNode effect : this.stack.api().getJson("/debug/side-effects?limit=1000").get("items")) {
			effects.computeIfAbsent(effect.get("business_key").asString(), (k) -> new ArrayList<>())
				.add(effect.get("status").asString());
		}
		Map<String, Integer> charges = countByBusinessKey(this.stack.chargesDir());
		Map<String, Integer> tickets = countByBusinessKey(this.stack.ticketsDir());
		for (String key : keys) {
			assertThat(effects.get(key)).as("effect rows of " + key).containsExactly("done");
			assertThat(charges.get(key)).as("charges of " + key).isEqualTo(1);
			assertThat(tickets.get(key)).as("tickets of " + key).isEqualTo(1);
		}
	}

	/** No charge, ticket or effect row for the key. */
	void assertNothingFor(String key) {
		assertThat(countByBusinessKey(this.stack.chargesDir())).doesNotContainKey(key);
		assertThat(countByBusinessKey(this.stack.ticketsDir())).doesNotContainKey(key);
		assertThat(this.stack.api()
			.getJson("/debug/side-effects?limit=1000")
			.get("items")
			.valueStream()
			.filter((e) -> key.equals(e.get("business_key").asString()))).isEmpty();
	}

	/** The worker's and the API's health both say UP. */
	void assertHealthy() {
		for (DemoProcess worker : this.stack.workers()) {
			JsonNode health = new DemoApi(worker.managementUrl()).getJson("/actuator/health");
			assertThat(health.get("status").asString()).as(worker.name() + " health: " + health).isEqualTo("UP");
		}
		assertThat(this.stack.apiProcess().statusOf("/healthz")).as("API /healthz").isEqualTo(200);
	}

	private static Map<String, Integer> countByBusinessKey(Path dir) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String name : DemoStack.files(dir)) {
			try {
				JsonNode file = JSON.readTree(Files.readString(dir.resolve(name)));
				counts.merge(file.get("business_key").asString(), 1, Integer::sum);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return counts;
	}

}
