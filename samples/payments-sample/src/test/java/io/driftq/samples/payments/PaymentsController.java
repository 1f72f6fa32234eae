package io.driftq.samples.payments;

import java.math.BigDecimal;
import java.util.UUID;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.http.ResponseEntity;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.driftq.cloud.stream.binder.DriftqHeaders;

/** integrate.md, step 3, as written there: compiled here so that the guide's snippet keeps compiling. */
@RestController
class PaymentsController {

	private final StreamBridge streamBridge;

	PaymentsController(StreamBridge streamBridge) {
		this.streamBridge = streamBridge;
	}

	record PayRequest(BigDecimal amount) {
	}

	@PostMapping("/orders/{id}/pay")
	ResponseEntity<Void> pay(@PathVariable String id, @RequestBody PayRequest body) {
		PayCommand command = new PayCommand(UUID.randomUUID().toString(), id, body.amount());
		streamBridge.send("payments-out-0", MessageBuilder.withPayload(command)
			.setHeader(DriftqHeaders.KEY, id)                                   // routes by order
			.setHeader(DriftqHeaders.IDEMPOTENCY_KEY, "pay:" + command.runId()) // a retried POST is dropped by DriftQ
			.build());
		return ResponseEntity.accepted().build();
	}

}
