package io.driftq.demo.api;

import java.time.Duration;
import java.util.Map;

import io.driftq.demo.Command;
import io.driftq.demo.config.DemoProperties;
import io.driftq.demo.events.RunEvents;
import io.driftq.demo.runs.RunRecord;
import io.driftq.demo.runs.RunRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends the command of a run that made no progress for {@code sidefx.redrive-after} again. The run table is the
 * source of truth; DriftQ can lose a message: its committed offset is a high-water mark per group, so when one
 * worker acks offset n+1 while another still holds n and the broker restarts before n is acked, n is never
 * delivered again (docs/driftq-behaviour.md, fact 7; seen in the soak). A re-driven command is harmless: the
 * effect behind it is idempotent, so a run that was merely slow replays its stored result.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@Profile("!worker")
class StaleRunRedriver {

	private static final Logger logger = LoggerFactory.getLogger(StaleRunRedriver.class);

	private static final int BATCH = 100;

	private final RunRepository runs;

	private final CommandSender commands;

	private final RunEvents events;

	private final JsonMapper json;

	private final Duration redriveAfter;

	StaleRunRedriver(RunRepository runs, CommandSender commands, RunEvents events, JsonMapper json,
			DemoProperties properties) {
		this.runs = runs;
		this.commands = commands;
		this.events = events;
		this.json = json;
		this.redriveAfter = properties.redriveAfter();
	}

	@Scheduled(fixedDelayString = "${sidefx.redrive-check:5s}", initialDelayString = "${sidefx.redrive-check:5s}")
	void redriveStaleRuns() {
		if (this.redriveAfter.isZero() || this.redriveAfter.isNegative()) {
			return;
		}
		long cutoff = System.currentTimeMillis() - this.redriveAfter.toMillis();
		for (RunRecord run : this.runs.stale(cutoff, BATCH)) {
			if (!this.runs.touchIfUnchanged(run)) {
				continue; // it moved on, or another API instance took it
			}
			try {
				redrive(run);
			}
			catch (RuntimeException ex) {
				// DriftQ is down: the run stays stale and is tried again on a later pass
				logger.warn("Could not re-drive run {}: {}", run.runId(), ex.getMessage());
			}
		}
	}

	private void redrive(RunRecord run) {
		Command command = this.json.readValue(run.command(), Command.class);
		logger.info("Re-driving run {} ({}): no progress for {}s", run.runId(), run.status().json(),
				this.redriveAfter.toSeconds());
		// a new DriftQ idempotency key: the original one is dropped by the server for 10 minutes
		this.commands.send(command, run.command(), "cmd:" + run.runId() + ":" + command.stepOrDefault() + ":"
				+ command.businessKey() + ":redrive:" + run.updatedMs());
		Map<String, Object> event = RunEvents.event("command.redriven", run.runId());
		event.put("reason", "no progress for " + this.redriveAfter.toSeconds() + "s");
		this.events.emit(command.eventsTopicOrDefault(), event, "evt:" + run.runId() + ":redrive:" + run.updatedMs());
	}

}
