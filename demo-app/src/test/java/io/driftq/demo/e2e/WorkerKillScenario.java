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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 50 runs through 2 supervised worker JVMs while the test kills a worker with SIGKILL at
 * random moments (some runs also crash their worker on purpose after the effect): every
 * business key ends with exactly one done effect, one ticket and one charge at the
 * payment provider, and no run is stuck.
 */
abstract class WorkerKillScenario {

	private static final int RUNS = 50;

	private DemoStack stack;

	/** The stack, with its database. */
	abstract DemoStack newStack();

	@AfterEach
	void stopStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void everyRunChargesExactlyOnceWhileWorkersAreKilled() throws Exception {
		this.stack = newStack().startApi();
		this.stack.startWorker(DemoStack.FAST_RECOVERY);
		this.stack.startWorker(DemoStack.FAST_RECOVERY);
		this.stack.supervise();
		DemoApi api = this.stack.api();
		Random random = new Random();
		String prefix = "kill-" + UUID.randomUUID().toString().substring(0, 8) + "-";

		Map<String, String> runs = new LinkedHashMap<>();
		AtomicInteger kills = new AtomicInteger();
		Thread killer = killer(random, kills);
		killer.start();
		for (int i = 0; i < RUNS; i++) {
			String key = prefix + i;
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("business_key", key);
			request.put("amount", 10 + i);
			// attempts are counted per handler invocation and a kill can cost one: leave
			// room for many kills
			request.put("max_attempts", 50);
			if (i % 5 == 1) {
				request.put("fail_before_effect_n", 1);
			}
			if (i % 10 == 3) {
				request.put("fail_mode", "crash_after_effect_before_ack");
			}
			runs.put(key, api.startRun(request));
			// spread over the killer's ~20 s so that kills land while commands are in
			// flight
			Thread.sleep(200 + random.nextInt(400));
		}
		killer.join();
		assertThat(kills.get()).as("SIGKILLs sent").isGreaterThanOrEqualTo(5);

		await("all runs completed").atMost(Duration.ofMinutes(4))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> {
				List<String> notDone = new ArrayList<>();
				runs.forEach((key, runId) -> {
					if (!"completed".equals(api.runStatus(runId))) {
						notDone.add(key + "=" + api.runStatus(runId));
					}
				});
				assertThat(notDone).as("runs not completed").isEmpty();
			});

		Map<String, List<String>> statusesByKey = new LinkedHashMap<>();
		for (JsonNode effect : api.getJson("/debug/side-effects?limit=1000").get("items")) {
			String key = effect.get("business_key").asString();
			if (key.startsWith(prefix)) {
				statusesByKey.computeIfAbsent(key, (k) -> new ArrayList<>()).add(effect.get("status").asString());
			}
		}
		assertThat(statusesByKey).as("effect rows per business key").hasSize(RUNS);
		assertThat(statusesByKey.values()).allSatisfy((statuses) -> assertThat(statuses).containsExactly("done"));
		List<String> tickets = DemoStack.files(this.stack.ticketsDir())
			.stream()
			.filter((name) -> name.startsWith("ticket_" + prefix))
			.toList();
		assertThat(tickets).as("one ticket per business key").hasSize(RUNS).doesNotHaveDuplicates();
		assertThat(DemoStack.files(this.stack.chargesDir())).as("one charge per business key").hasSize(RUNS);
		int starts = this.stack.workers().stream().mapToInt(DemoProcess::starts).sum();
		System.out.printf(
				"%s: %d runs, %d SIGKILLs, %d worker starts (incl. restarts after kills and on-purpose" + " crashes)%n",
				getClass().getSimpleName(), RUNS, kills.get(), starts);
	}

	/** Kills a random live worker every 1–3 s, ten times. */
	private Thread killer(Random random, AtomicInteger kills) {
		Thread killer = new Thread(() -> {
			try {
				for (int i = 0; i < 10; i++) {
					Thread.sleep(1000 + random.nextInt(2000));
					List<DemoProcess> alive = this.stack.workers().stream().filter(DemoProcess::isAlive).toList();
					if (!alive.isEmpty()) {
						alive.get(random.nextInt(alive.size())).kill();
						kills.incrementAndGet();
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "worker-killer");
		killer.setDaemon(true);
		return killer;
	}

}
