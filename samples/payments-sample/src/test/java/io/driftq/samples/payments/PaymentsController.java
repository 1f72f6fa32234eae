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

package io.driftq.samples.payments;

import java.math.BigDecimal;
import java.util.UUID;

import io.driftq.cloud.stream.binder.DriftqHeaders;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.http.ResponseEntity;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * integrate.md, step 3, as written there: compiled here so that the guide's snippet keeps
 * compiling.
 */
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
			.setHeader(DriftqHeaders.KEY, id) // routes by order
			.setHeader(DriftqHeaders.IDEMPOTENCY_KEY, "pay:" + command.runId()) // a
																				// retried
																				// POST is
																				// dropped
																				// by
																				// DriftQ
			.build());
		return ResponseEntity.accepted().build();
	}

}
