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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, observation 1, with the demo's default settings and two supervised worker
 * JVMs: the worker handling a run halts (as abruptly as {@code kill -9}) in the middle of
 * its effect, after the charge and the ticket and before the effect row is marked done.
 * The other worker gets the command back while the dead worker's claim is still live
 * ({@code EffectInProgressException}); that must be a wait, not a failure: the run
 * completes, charged once, without being dead-lettered and before the API's re-drive (60
 * s) could have rescued it.
 */
abstract class KillMidEffectScenario {

	private DemoStack stack;

	abstract DemoStack newStack();

	@AfterEach
	void stopStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void aWorkerKilledMidEffectLeavesARunThatCompletesChargedOnce() {
		this.stack = newStack().startAll(List.of(), 2, List.of());
		this.stack.supervise();
		DemoApi api = this.stack.api();
		String key = "kill-mid-effect-" + UUID.randomUUID();
		String runId = api.startRun(Map.of("business_key", key, "fail_mode", "crash_during_effect"));

		List<String> types = DemoApi.types(api.eventsUntil(runId, "run.completed", Duration.ofSeconds(55)));

		assertThat(types).containsSubsequence("side_effect.executing", "chaos.crash_now", "step.started",
				"step.completed", "run.completed");
		assertThat(types).doesNotContain("run.dlq", "command.redriven").containsOnlyOnce("side_effect.done");
		assertThat(this.stack.workers().stream().mapToInt(DemoProcess::starts).sum()).as("a worker was restarted")
			.isGreaterThan(2);
		Outcomes outcomes = new Outcomes(this.stack);
		outcomes.assertChargedOnce(List.of(key));
		assertThat(api.getJson("/runs/" + runId).get("status").asString()).isEqualTo("completed");
	}

}
