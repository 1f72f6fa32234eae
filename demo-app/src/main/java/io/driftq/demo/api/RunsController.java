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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqException;
import io.driftq.demo.Command;
import io.driftq.demo.RunIds;
import io.driftq.demo.Topics;
import io.driftq.demo.config.DemoProperties;
import io.driftq.demo.config.TracingProperties;
import io.driftq.demo.events.RunEvents;
import io.driftq.demo.events.TraceIds;
import io.driftq.demo.runs.RunRecord;
import io.driftq.demo.runs.RunRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The runs API, the Python starter's contract: a run is registered, its events topic
 * made, {@code run.created} published, then the command sent through the binder (the
 * commit point) and {@code command.enqueued} published. If DriftQ fails before the
 * command is sent, the run is forgotten and the answer is 502.
 */
@RestController
@Profile("!worker")
@Tag(name = "runs", description = "Start a run and follow it")
class RunsController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** Marks an answer replayed for a repeated {@code Idempotency-Key}. */
	static final String REPLAYED = "Idempotent-Replayed";

	/** An {@code Idempotency-Key}: no control characters (C0, DEL, C1); 1-255 of them. */
	static final String IDEMPOTENCY_KEY_PATTERN = "^[^\\u0000-\\u001F\\u007F-\\u009F]+$";

	private static final Pattern IDEMPOTENCY_KEY_RULE = Pattern.compile(IDEMPOTENCY_KEY_PATTERN);

	private final DriftqClient client;

	private final CommandSender commands;

	private final RunEvents events;

	private final RunRepository runs;

	private final EffectRows effects;

	private final JsonMapper json;

	private final IdempotencyKeys idempotencyKeys;

	private final ChaosProperties chaos;

	private final TraceIds traceIds;

	private final TracingProperties tracing;

	private final int commandPartitions;

	RunsController(DriftqClient client, CommandSender commands, RunEvents events, RunRepository runs,
			EffectRows effects, JsonMapper json, IdempotencyKeys idempotencyKeys, ChaosProperties chaos,
			TraceIds traceIds, TracingProperties tracing, DemoProperties properties) {
		this.commandPartitions = properties.commandPartitions();
		this.traceIds = traceIds;
		this.tracing = tracing;
		this.idempotencyKeys = idempotencyKeys;
		this.chaos = chaos;
		this.client = client;
		this.commands = commands;
		this.events = events;
		this.runs = runs;
		this.effects = effects;
		this.json = json;
	}

	/**
	 * {@code POST /runs}. With an {@code Idempotency-Key} (IETF httpapi draft, Stripe's
	 * semantics) the same key and the same body answer the first run again, marked
	 * {@value #REPLAYED}: true; the same key with another body is 422, and while the
	 * first request is still running 409.
	 */
	@PostMapping(path = "/runs", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "createRun", summary = "Start a run",
			description = "Registers the run, publishes run.created and sends its command. With an Idempotency-Key"
					+ " the same key and body answer the first run again (Idempotent-Replayed: true).")
	@ApiResponse(responseCode = "200", description = "The run was started, or replayed for a repeated key",
			headers = @Header(name = REPLAYED, description = "present (true) when the answer is a replay",
					schema = @Schema(type = "string", allowableValues = "true")),
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = RunCreated.class)))
	@ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key is still being made; retry",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_REF)))
	@ApiResponse(responseCode = "422", description = "This Idempotency-Key was used for another body",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_REF)))
	@ApiResponse(responseCode = "502", description = "DriftQ refused the run (nothing was kept; retry)",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_REF)))
	@ApiResponse(responseCode = "503",
			description = "The run table's database is unavailable (nothing was kept; retry after Retry-After)",
			headers = @Header(name = "Retry-After", description = "seconds to wait before retrying",
					schema = @Schema(type = "integer", minimum = "0")),
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_REF)))
	ResponseEntity<RunCreated> create(
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Parameter(
					description = "makes a retried POST safe: the same key and body answer the first run again",
					schema = @Schema(type = "string", minLength = 1, maxLength = 255,
							pattern = IDEMPOTENCY_KEY_PATTERN)) String idempotencyKey,
			@Valid @RequestBody RunRequest request) {
		if (!this.chaos.enabled() && (request.failBeforeEffectN() > 0
				|| (request.failMode() != null && !"none".equals(request.failMode())))) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"fail_before_effect_n"
							+ " and fail_mode are the demo's chaos controls: off outside the demo profile"
							+ " (sidefx.chaos.enabled=true turns them on)");
			problem.setTitle("Invalid request");
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
		}
		if (idempotencyKey == null) {
			return ResponseEntity.ok(startRun(request));
		}
		if (idempotencyKey.length() > 255 || !IDEMPOTENCY_KEY_RULE.matcher(idempotencyKey).matches()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					IDEMPOTENCY_KEY + " must be 1 to 255 characters without control characters");
			problem.setTitle("Invalid request");
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
		}
		String replay = this.idempotencyKeys.claim(idempotencyKey, sha256(this.json.writeValueAsString(request)));
		if (replay != null) {
			return ResponseEntity.ok().header(REPLAYED, "true").body(this.json.readValue(replay, RunCreated.class));
		}
		try {
			RunCreated created = startRun(request);
			this.idempotencyKeys.complete(idempotencyKey, this.json.writeValueAsString(created));
			return ResponseEntity.ok(created);
		}
		catch (RuntimeException ex) {
			this.idempotencyKeys.release(idempotencyKey);
			throw ex;
		}
	}

	private RunCreated startRun(RunRequest request) {
		String runId = UUID.randomUUID().toString().replace("-", "");
		String eventsTopic = Topics.events(runId);
		long now = System.currentTimeMillis();
		Command command = new Command(now, Command.TYPE, runId, eventsTopic, Command.CHARGE_CARD, request.businessKey(),
				request.amount().doubleValue(), 0, request.maxAttempts(), request.failBeforeEffectN(),
				request.failMode());
		String commandJson = this.json.writeValueAsString(command);
		try {
			this.client.createTopic(Topics.COMMANDS, this.commandPartitions);
			this.client.createTopic(Topics.DLQ, 1);
			this.client.createTopic(eventsTopic, 1);
		}
		catch (DriftqException ex) {
			throw new DriftqUnavailableProblem("DriftQ could not create the run's topics: " + ex.getMessage(), ex);
		}
		// the trace of this request (Boot's HTTP server observation): the run's trace_id
		// in GET /runs/{id}
		this.runs.create(runId, request.businessKey(), commandJson, this.traceIds.current());
		try {
			Map<String, Object> created = RunEvents.event("run.created", runId);
			created.put("business_key", request.businessKey());
			created.put("amount", request.amount().doubleValue());
			this.events.publish(eventsTopic, created, "evt:" + runId + ":created");
			this.commands.send(command, commandJson);
		}
		catch (RuntimeException ex) {
			this.runs.delete(runId);
			throw new DriftqUnavailableProblem("DriftQ did not accept the run's command: " + rootMessage(ex), ex);
		}
		// the command is in: the run goes ahead even if this event is dropped
		Map<String, Object> enqueued = RunEvents.event("command.enqueued", runId);
		enqueued.put("attempt", 0);
		this.events.emit(eventsTopic, enqueued, "evt:" + runId + ":enq:a0");
		return new RunCreated(runId, eventsTopic);
	}

	@GetMapping(path = "/runs/{runId}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "getRun", summary = "A run, its command and its effect rows")
	@ApiResponse(responseCode = "200", description = "The run",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = ApiSchemas.RunView.class)))
	@ApiResponse(responseCode = "404", description = "No such run",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_REF)))
	ResponseEntity<Map<String, Object>> run(@PathVariable @Parameter(description = "the run id",
			schema = @Schema(type = "string", pattern = RunIds.PATTERN, maxLength = 64)) String runId) {
		if (!RunIds.isValid(runId)) {
			// never a lookup for what cannot be an id (PostgreSQL refuses a NUL
			// character, for one)
			throw new RunNotFound(runId);
		}
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
		view.put("redrives", this.runs.redrives(run.runId()));
		String traceId = this.runs.traceId(run.runId());
		view.put("trace_id", traceId);
		view.put("trace_url", this.tracing.traceUrl(traceId));
		view.put("command", this.json.readTree(run.command()));
		view.put("effects", this.effects.ofRun(run.runId()));
		return view;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

}
