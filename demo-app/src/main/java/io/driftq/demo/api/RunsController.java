package io.driftq.demo.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqException;
import io.driftq.demo.Command;
import io.driftq.demo.Topics;
import io.driftq.demo.events.RunEvents;
import io.driftq.demo.runs.RunRecord;
import io.driftq.demo.runs.RunRepository;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The runs API, the Python starter's contract: a run is registered, its events topic made, {@code run.created}
 * published, then the command sent through the binder (the commit point) and {@code command.enqueued} published.
 * If DriftQ fails before the command is sent, the run is forgotten and the answer is 502.
 */
@RestController
@Profile("!worker")
class RunsController {

	private static final Logger logger = LoggerFactory.getLogger(RunsController.class);

	private final DriftqClient client;

	private final CommandSender commands;

	private final RunEvents events;

	private final RunRepository runs;

	private final EffectRows effects;

	private final JsonMapper json;

	RunsController(DriftqClient client, CommandSender commands, RunEvents events, RunRepository runs,
			EffectRows effects, JsonMapper json) {
		this.client = client;
		this.commands = commands;
		this.events = events;
		this.runs = runs;
		this.effects = effects;
		this.json = json;
	}

	@PostMapping(path = "/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
	RunCreated create(@Valid @RequestBody RunRequest request) {
		String runId = UUID.randomUUID().toString().replace("-", "");
		String eventsTopic = Topics.events(runId);
		long now = System.currentTimeMillis();
		Command command = new Command(now, Command.TYPE, runId, eventsTopic, Command.CHARGE_CARD,
				request.businessKey(), request.amount(), 0, request.maxAttempts(), request.failBeforeEffectN(),
				request.failMode());
		String commandJson = this.json.writeValueAsString(command);
		try {
			this.client.createTopic(Topics.COMMANDS, 1);
			this.client.createTopic(Topics.DLQ, 1);
			this.client.createTopic(eventsTopic, 1);
		}
		catch (DriftqException ex) {
			throw new DriftqUnavailableProblem("DriftQ could not create the run's topics: " + ex.getMessage(), ex);
		}
		this.runs.create(runId, request.businessKey(), commandJson);
		try {
			Map<String, Object> created = RunEvents.event("run.created", runId);
			created.put("business_key", request.businessKey());
			created.put("amount", request.amount());
			this.events.publish(eventsTopic, created, "evt:" + runId + ":created");
			this.commands.send(command, commandJson);
		}
		catch (RuntimeException ex) {
			this.runs.delete(runId);
			throw new DriftqUnavailableProblem("DriftQ did not accept the run's command: " + rootMessage(ex), ex);
		}
		try {
			Map<String, Object> enqueued = RunEvents.event("command.enqueued", runId);
			enqueued.put("attempt", 0);
			this.events.publish(eventsTopic, enqueued, "evt:" + runId + ":enq:a0");
		}
		catch (RuntimeException ex) {
			// the command is in: the run goes ahead, only this event is missing
			logger.warn("Run {} enqueued but its command.enqueued event was not published: {}", runId, ex.getMessage());
		}
		return new RunCreated(runId, eventsTopic);
	}

	@GetMapping("/runs/{runId}")
	ResponseEntity<Map<String, Object>> run(@PathVariable String runId) {
		return this.runs.find(runId).map(this::view).map(ResponseEntity::ok).orElseThrow(() -> new RunNotFound(runId));
	}

	private Map<String, Object> view(RunRecord run) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("run_id", run.runId());
		view.put("business_key", run.businessKey());
		view.put("status", run.status().json());
		view.put("last_error", run.lastError());
		view.put("events_topic", Topics.events(run.runId()));
		view.put("created_ms", run.createdMs());
		view.put("updated_ms", run.updatedMs());
		view.put("command", this.json.readTree(run.command()));
		view.put("effects", this.effects.ofRun(run.runId()));
		return view;
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

}
