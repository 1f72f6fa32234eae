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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqException;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.demo.RunIds;
import io.driftq.demo.Topics;
import io.driftq.demo.config.DemoProperties;
import io.driftq.demo.runs.RunRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Profile;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * {@code GET /runs/{run_id}/events}: the run's events as Server-Sent Events, byte for
 * byte as the Python API writes them ({@code data: <json>} and a blank line; first
 * {@code sse.connected}). Each client id reads with its own consumer group
 * {@code events-<run_id>-<client_id>} and acks what it was sent, so a reconnect resumes.
 */
@RestController
@Profile("!worker")
@Tag(name = "runs")
class RunEventsController {

	private static final Logger logger = LoggerFactory.getLogger(RunEventsController.class);

	/**
	 * How often an idle stream writes an SSE comment, which is how a gone client is
	 * noticed.
	 */
	private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

	private final DriftqClient client;

	private final RunRepository runs;

	private final DemoProperties properties;

	private final JsonMapper json;

	/** One thread per open stream (each waits on its own DriftQ consume stream). */
	private final ExecutorService streams = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "run-events-" + STREAM_THREADS.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	private static final AtomicInteger STREAM_THREADS = new AtomicInteger();

	private volatile boolean closing;

	RunEventsController(DriftqClient client, RunRepository runs, DemoProperties properties, JsonMapper json) {
		this.client = client;
		this.runs = runs;
		this.properties = properties;
		this.json = json;
	}

	@GetMapping(path = "/runs/{runId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(operationId = "streamRunEvents", summary = "The run's events, live (Server-Sent Events)",
			description = "First sse.connected, then each event of the run as `data: <json>`; an idle stream"
					+ " writes a comment every 15 s. The stream stays open until the client closes it.")
	@ApiResponse(responseCode = "200", description = "An endless event stream",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
					schema = @Schema(ref = ApiDocumentation.EVENT_REF)))
	@ApiResponse(responseCode = "404", description = "No such run",
			content = @Content(mediaType = ApiDocumentation.PROBLEM_JSON,
					schema = @Schema(ref = ApiDocumentation.PROBLEM_REF)))
	ResponseEntity<ResponseBodyEmitter> events(
			@PathVariable @Parameter(description = "the run id",
					schema = @Schema(type = "string", pattern = RunIds.PATTERN, maxLength = 64)) String runId,
			@RequestParam(name = "client_id", defaultValue = "default") @Parameter(
					description = "a reader's name: each reads with its own consumer group and resumes there"
							+ " (characters outside [A-Za-z0-9._-] read as _, the first 32 count)") String clientId) {
		if (!RunIds.isValid(runId) || this.runs.find(runId).isEmpty()) {
			throw new RunNotFound(runId);
		}
		String topic = Topics.events(runId);
		String client = clientId.replaceAll("[^A-Za-z0-9._-]", "_");
		String group = "events-" + runId + "-" + client.substring(0, Math.min(32, client.length()));
		// a plain emitter writing SSE text itself: the exact bytes of the Python API
		// ("data: " with the space)
		ResponseBodyEmitter emitter = new ResponseBodyEmitter(0L);
		AtomicBoolean open = new AtomicBoolean(true);
		emitter.onCompletion(() -> open.set(false));
		emitter.onError((ex) -> open.set(false));
		emitter.onTimeout(() -> open.set(false));
		this.streams.execute(() -> stream(runId, topic, group, emitter, open));
		return ResponseEntity.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.cacheControl(CacheControl.noCache())
			.header("X-Accel-Buffering", "no")
			.body(emitter);
	}

	private void stream(String runId, String topic, String group, ResponseBodyEmitter emitter, AtomicBoolean open) {
		ConsumeOptions options = ConsumeOptions.builder(topic, group)
			.owner(group + "-" + UUID.randomUUID().toString().substring(0, 8))
			.lease(this.properties.eventsLease())
			.createTopicPartitions(1)
			.build();
		try {
			write(emitter, "data: " + this.json.writeValueAsString(connected(runId)) + "\n\n");
			try (ConsumeSubscription subscription = this.client.subscribe(options)) {
				long lastWrite = System.nanoTime();
				while (open.get() && !this.closing) {
					ConsumedMessage message = subscription.poll(Duration.ofSeconds(1));
					if (message != null) {
						write(emitter, "data: " + message.value().replace("\n", "") + "\n\n");
						lastWrite = System.nanoTime();
						ack(message);
					}
					else if (System.nanoTime() - lastWrite > KEEP_ALIVE.toNanos()) {
						write(emitter, ": keep-alive\n\n");
						lastWrite = System.nanoTime();
					}
				}
			}
			emitter.complete();
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away (or the emitter was completed): its group keeps what
			// was not acked
			logger.debug("Event stream of run {} ended: {}", runId, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			emitter.complete();
		}
		catch (RuntimeException ex) {
			logger.warn("Event stream of run {} failed: {}", runId, ex.toString());
			emitter.completeWithError(ex);
		}
	}

	private static Map<String, Object> connected(String runId) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", "sse.connected");
		event.put("run_id", runId);
		return event;
	}

	@PreDestroy
	void closeStreams() {
		this.closing = true;
		this.streams.shutdown();
	}

	private void ack(ConsumedMessage message) {
		try {
			this.client.ack(message);
		}
		catch (DriftqException ex) {
			// the page saw it; if the ack is lost the event comes again after its lease,
			// as in the Python API
			logger.debug("Could not ack event {}: {}", message, ex.getMessage());
		}
	}

	private static void write(ResponseBodyEmitter emitter, String text) throws IOException {
		emitter.send(text, MediaType.TEXT_PLAIN);
	}

}
