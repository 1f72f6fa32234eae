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

package io.driftq.demo.events;

import java.util.LinkedHashMap;
import java.util.Map;

import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqException;
import io.driftq.client.exception.DriftqOverloadedException;
import io.driftq.client.exception.DriftqTopicNotFoundException;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.demo.config.DemoProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Publishes a run's events to its own topic with the Python starter's event shapes and
 * idempotency keys, so a retried publish is dropped by DriftQ instead of shown twice.
 * <p>
 * Events tell the story; they are never worth a charge. Nobody may be reading a run's
 * topic, and DriftQ refuses produce (429) once a partition holds 100 messages above its
 * slowest reading group, so events go through a client of their own that never waits on a
 * 429 ({@code overloadRetries(0)}): a refused event is dropped, counted in
 * {@code sidefx.events.dropped} and logged at DEBUG. Each event carries the publishing
 * thread's trace id ({@value TraceIds#FIELD}) when it has one.
 */
@Component
public class RunEvents implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(RunEvents.class);

	private final DriftqClient client;

	private final JsonMapper json;

	private final Counter droppedFull;

	private final Counter droppedOther;

	private final TraceIds traceIds;

	public RunEvents(DemoProperties properties, JsonMapper json, MeterRegistry meters) {
		this(properties, json, meters, TraceIds.NONE);
	}

	@Autowired
	public RunEvents(DemoProperties properties, JsonMapper json, MeterRegistry meters, TraceIds traceIds) {
		this.traceIds = traceIds;
		this.client = DriftqClient.builder(properties.driftqUrl()).overloadRetries(0).build();
		this.json = json;
		this.droppedFull = Counter.builder("sidefx.events.dropped")
			.description("Run events not published (best-effort)")
			.tag("reason", "topic_full")
			.register(meters);
		this.droppedOther = Counter.builder("sidefx.events.dropped")
			.description("Run events not published (best-effort)")
			.tag("reason", "unavailable")
			.register(meters);
	}

	/**
	 * Starts an event: {@code ts}, {@code type} and {@code run_id}, in that order.
	 * @param type the event type
	 * @param runId the run
	 * @return the event's fields, to add to
	 */
	public static Map<String, Object> event(String type, String runId) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("ts", System.currentTimeMillis());
		event.put("type", type);
		event.put("run_id", runId);
		return event;
	}

	/**
	 * Creates a run's events topic: once per run, by the API, before its first event.
	 * @param topic the run's events topic
	 */
	public void createTopic(String topic) {
		this.client.createTopic(topic, 1);
	}

	/**
	 * Publishes an event; failures propagate (the API must not answer before its first
	 * event exists). The topic is created again when a broker restart dropped it.
	 * @param topic the run's events topic
	 * @param event the event
	 * @param idempotencyKey DriftQ's dedupe key for it
	 */
	public void publish(String topic, Map<String, Object> event, String idempotencyKey) {
		ProduceRequest request = request(topic, event, idempotencyKey);
		try {
			this.client.produce(request);
		}
		catch (DriftqTopicNotFoundException ex) {
			createTopic(topic);
			this.client.produce(request);
		}
	}

	/**
	 * Publishes an event best-effort, the way the worker does: it never waits, never
	 * creates the topic and never fails the step (the step's outcome is in the effect
	 * table; events tell the story).
	 * @param topic the run's events topic
	 * @param event the event
	 * @param idempotencyKey DriftQ's dedupe key for it
	 */
	public void emit(String topic, Map<String, Object> event, String idempotencyKey) {
		try {
			this.client.produce(request(topic, event, idempotencyKey));
		}
		catch (DriftqOverloadedException ex) {
			this.droppedFull.increment();
			logger.debug("Dropped {} for {}: the topic is full (nobody reads it)", event.get("type"), topic);
		}
		catch (DriftqException | IllegalArgumentException ex) {
			this.droppedOther.increment();
			logger.debug("Dropped {} for {}: {}", event.get("type"), topic, ex.getMessage());
		}
	}

	private ProduceRequest request(String topic, Map<String, Object> event, String idempotencyKey) {
		// the caller's trace id, unless the event was stamped on another thread already
		// (RunEventQueue)
		return new ProduceRequest(topic, null, this.json.writeValueAsString(this.traceIds.stamp(event)),
				Envelope.builder().idempotencyKey(idempotencyKey).build());
	}

	@Override
	public void destroy() {
		this.client.close();
	}

}
