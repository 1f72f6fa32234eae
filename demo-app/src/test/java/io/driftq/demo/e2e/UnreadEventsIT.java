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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, observation 5: 30 runs that each emit more than 100 events (26 forced
 * failures, four events each) into their {@code sidefx.events.<run_id>} topic, which
 * nobody reads, so DriftQ refuses the later ones (429, the partition holds 100 unread
 * messages). Events are best-effort: a refused event is dropped and counted, the charge
 * is never blocked or failed by it. The worker's in-process retries are made fast (30
 * attempts, 10 ms apart) so that one delivery produces the events; everything else is the
 * demo's default.
 */
class UnreadEventsIT {

	private static final int RUNS = 30;

	private static DemoStack stack;

	@BeforeAll
	static void startStack() {
		stack = DemoStack.onSqlite("unread-events")
			.startAll(List.of(), 1,
					List.of("--spring.cloud.stream.bindings.handleCommand-in-0.consumer.max-attempts=30",
							"--spring.cloud.stream.bindings.handleCommand-in-0.consumer.back-off-initial-interval=10",
							"--spring.cloud.stream.bindings.handleCommand-in-0.consumer.back-off-max-interval=10"));
		stack.supervise();
	}

	@AfterAll
	static void stopStack() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void runsWhoseEventsNobodyReadsAllCompleteChargedOnce() {
		DemoApi api = stack.api();
		Map<String, String> runs = new LinkedHashMap<>();
		for (int i = 0; i < RUNS; i++) {
			String key = "unread-" + UUID.randomUUID();
			runs.put(key, api.startRun(Map.of("business_key", key, "fail_before_effect_n", 26, "max_attempts", 30)));
		}
		Outcomes outcomes = new Outcomes(stack);

		outcomes.awaitCompleted(runs, Duration.ofSeconds(120));
		outcomes.assertChargedOnce(runs.keySet());
		outcomes.assertHealthy();
		JsonNode dropped = new DemoApi(stack.workers().get(0).managementUrl())
			.as(DemoStack.OPERATOR_USER, DemoStack.OPERATOR_PASSWORD)
			.getJson("/actuator/metrics/sidefx.events.dropped");
		assertThat(dropped.get("measurements").get(0).get("value").asDouble()).as("events dropped on full topics")
			.isGreaterThanOrEqualTo(RUNS);
	}

}
