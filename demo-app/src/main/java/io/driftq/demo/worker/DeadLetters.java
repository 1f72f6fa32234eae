package io.driftq.demo.worker;

import java.util.LinkedHashMap;
import java.util.Map;

import io.driftq.client.DriftqClient;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.demo.Topics;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Writes the Python starter's DLQ record ({@code type = "sidefx.dlq"}) for a run that used up its attempts or a
 * command that cannot be handled. Failures propagate: the command is then not acked and comes back.
 */
@Component
class DeadLetters {

	private final DriftqClient client;

	private final JsonMapper json;

	DeadLetters(DriftqClient client, JsonMapper json) {
		this.client = client;
		this.json = json;
	}

	void publish(String runId, String stepId, String businessKey, int attempt, int maxAttempts, String error,
			Object command) {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("ts", System.currentTimeMillis());
		record.put("type", "sidefx.dlq");
		record.put("run_id", runId);
		record.put("step_id", stepId);
		record.put("business_key", businessKey);
		record.put("attempt", attempt);
		record.put("max_attempts", maxAttempts);
		record.put("error", error);
		record.put("command", command);
		this.client.createTopic(Topics.DLQ, 1);
		// a command without run or business key has no stable identity to dedupe on
		Envelope envelope = (runId != null && businessKey != null)
				? Envelope.builder().idempotencyKey("dlq:" + runId + ":" + stepId + ":" + businessKey).build() : null;
		this.client.produce(new ProduceRequest(Topics.DLQ, runId, this.json.writeValueAsString(record), envelope));
	}

}
