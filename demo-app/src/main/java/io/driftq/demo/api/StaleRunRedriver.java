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

import java.time.Duration;
import java.util.Map;

import io.driftq.demo.Command;
import io.driftq.demo.config.DemoProperties;
import io.driftq.demo.events.RunEvents;
import io.driftq.demo.runs.RunRecord;
import io.driftq.demo.runs.RunRepository;
import io.driftq.demo.runs.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends the command of a run that made no progress for {@code sidefx.redrive-after}
 * again. DriftQ can lose a message: its committed offset is a high-water mark per group,
 * so when one worker acks offset n+1 while another still holds n and the broker restarts
 * before n is acked, n is never delivered again (docs/driftq-behaviour.md, fact 7; seen
 * in the soak). A re-driven command is harmless: the effect behind it is idempotent.
 * <p>
 * Bounded: at most {@code sidefx.redrive-max} re-drives per run (then the run is left
 * alone, logged at WARN) and {@code sidefx.redrive-per-tick} per pass; progress is seen
 * in the run table and on the run's events topic ({@code run.completed} marks the run
 * completed, {@code side_effect.done} counts as progress); the first send that fails
 * (DriftQ down, or the commands partition full) ends the pass, so a re-drive never pushes
 * into a full partition.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@Profile("!worker")
class StaleRunRedriver {

	private static final Logger logger = LoggerFactory.getLogger(StaleRunRedriver.class);

	private final RunRepository runs;

	private final CommandSender commands;

	private final RunEvents events;

	private final EventsProgress progress;

	private final JsonMapper json;

	private final DemoProperties properties;

	StaleRunRedriver(RunRepository runs, CommandSender commands, RunEvents events, EventsProgress progress,
			JsonMapper json, DemoProperties properties) {
		this.runs = runs;
		this.commands = commands;
		this.events = events;
		this.progress = progress;
		this.json = json;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${sidefx.redrive-check:5s}", initialDelayString = "${sidefx.redrive-check:5s}")
	void redriveStaleRuns() throws InterruptedException {
		Duration after = this.properties.redriveAfter();
		if (after.isZero() || after.isNegative()) {
			return;
		}
		long cutoff = System.currentTimeMillis() - after.toMillis();
		int max = this.properties.redriveMax();
		for (RunRecord run : this.runs.stale(cutoff, max, this.properties.redrivePerTick())) {
			if (!this.runs.touchIfUnchanged(run)) {
				continue; // it moved on, or another API instance took it
			}
			String seen = progressOnEvents(run);
			if (EventsProgress.COMPLETED.equals(seen)) {
				logger.info("Run {} completed (seen on its events topic): not re-driven", run.runId());
				this.runs.setStatus(run.runId(), RunStatus.COMPLETED, null);
				continue;
			}
			if (seen != null) {
				logger.debug("Run {} made progress ({} on its events topic): not re-driven yet", run.runId(), seen);
				continue;
			}
			try {
				redrive(run);
			}
			catch (RuntimeException ex) {
				// DriftQ is down or the commands partition is full: try again on a later
				// pass, push nothing more now
				logger.warn("Could not re-drive run {}, ending this pass: {}", run.runId(), ex.getMessage());
				return;
			}
			int count = this.runs.countRedrive(run.runId());
			if (count >= max) {
				logger.warn("Run {} re-driven {} times without progress (sidefx.redrive-max); it is not re-driven"
						+ " again", run.runId(), count);
			}
		}
	}

	private String progressOnEvents(RunRecord run) throws InterruptedException {
		try {
			return this.progress.since(run.runId());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private void redrive(RunRecord run) {
		Command command = this.json.readValue(run.command(), Command.class);
		long seconds = this.properties.redriveAfter().toSeconds();
		logger.info("Re-driving run {} ({}): no progress for {}s", run.runId(), run.status().json(), seconds);
		// a new DriftQ idempotency key: the original one is dropped by the server for 10
		// minutes
		this.commands.send(command, run.command(), "cmd:" + run.runId() + ":" + command.stepOrDefault() + ":"
				+ command.businessKey() + ":redrive:" + run.updatedMs());
		Map<String, Object> event = RunEvents.event("command.redriven", run.runId());
		event.put("reason", "no progress for " + seconds + "s");
		this.events.emit(command.eventsTopicOrDefault(), event, "evt:" + run.runId() + ":redrive:" + run.updatedMs());
	}

}
