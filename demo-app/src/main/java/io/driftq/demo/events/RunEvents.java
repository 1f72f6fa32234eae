package io.driftq.demo.events;

import java.util.LinkedHashMap;
import java.util.Map;

import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqException;
import io.driftq.client.exception.DriftqTopicNotFoundException;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Publishes a run's events to its own topic with the Python starter's event shapes and idempotency keys, so a
 * retried publish is dropped by DriftQ instead of shown twice.
 */
@Component
public class RunEvents {

	private static final Logger logger = LoggerFactory.getLogger(RunEvents.class);

	private final DriftqClient client;

	private final JsonMapper json;

	public RunEvents(DriftqClient client, JsonMapper json) {
		this.client = client;
		this.json = json;
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
	 * Publishes an event; failures propagate (the API must not answer before its events exist).
	 * @param topic the run's events topic
	 * @param event the event
	 * @param idempotencyKey DriftQ's dedupe key for it
	 */
	public void publish(String topic, Map<String, Object> event, String idempotencyKey) {
		ProduceRequest request = new ProduceRequest(topic, null, this.json.writeValueAsString(event),
				Envelope.builder().idempotencyKey(idempotencyKey).build());
		try {
			this.client.produce(request);
		}
		catch (DriftqTopicNotFoundException ex) {
			// a run created before its topic existed (or by another API): create it and publish once more
			this.client.createTopic(topic, 1);
			this.client.produce(request);
		}
	}

	/**
	 * Publishes an event the way the worker does: a failure is logged, never fails the step (the step's outcome is
	 * in the effect table; events tell the story).
	 * @param topic the run's events topic
	 * @param event the event
	 * @param idempotencyKey DriftQ's dedupe key for it
	 */
	public void emit(String topic, Map<String, Object> event, String idempotencyKey) {
		try {
			publish(topic, event, idempotencyKey);
		}
		catch (DriftqException | IllegalArgumentException ex) {
			logger.warn("Could not publish {} to {}: {}", event.get("type"), topic, ex.getMessage());
		}
	}

}
