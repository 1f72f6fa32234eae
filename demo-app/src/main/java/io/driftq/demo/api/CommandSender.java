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

import io.driftq.cloud.stream.binder.DriftqHeaders;
import io.driftq.demo.Command;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Sends a run's command through the binder's producer binding, with the envelope the
 * worker (Java or Python) expects and the run's {@code max_attempts} as the message's
 * budget ({@code driftq_retry_max_attempts}). Throws when DriftQ did not take it.
 */
@Component
@Profile("!worker")
class CommandSender {

	/** The producer binding of the commands (see {@code application.yml}). */
	static final String COMMANDS_BINDING = "commands-out-0";

	private final StreamBridge streamBridge;

	CommandSender(StreamBridge streamBridge) {
		this.streamBridge = streamBridge;
	}

	/**
	 * The first send of a run's command.
	 * @param command the command
	 * @param commandJson its JSON
	 */
	void send(Command command, String commandJson) {
		// the attempt is part of the key because the Python worker's retries are new
		// messages
		send(command, commandJson,
				"cmd:" + command.runId() + ":" + command.stepId() + ":" + command.businessKey() + ":a0");
	}

	/**
	 * Sends a command under a given DriftQ idempotency key (a re-drive needs a new one:
	 * DriftQ drops a repeated key for 10 minutes, and a group skips a key it has acked).
	 * @param command the command
	 * @param commandJson its JSON
	 * @param idempotencyKey the DriftQ idempotency key
	 */
	void send(Command command, String commandJson, String idempotencyKey) {
		Message<byte[]> message = MessageBuilder.withPayload(commandJson.getBytes(StandardCharsets.UTF_8))
			.setHeader(MessageHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.setHeader(DriftqHeaders.KEY, command.businessKey())
			.setHeader(DriftqHeaders.IDEMPOTENCY_KEY, idempotencyKey)
			.setHeader(DriftqHeaders.RUN_ID, command.runId())
			.setHeader(DriftqHeaders.STEP_ID, command.stepId())
			.setHeader(DriftqHeaders.RETRY_MAX_ATTEMPTS, budget(command))
			.build();
		if (!this.streamBridge.send(COMMANDS_BINDING, message)) {
			throw new IllegalStateException("the commands binding did not take the message");
		}
	}

	/**
	 * The message's delivery budget (its envelope retry policy): the run's
	 * {@code max_attempts}, at least 2 (DriftQ dead-letters a message whose lease lapses
	 * once when it is 1). The worker counts its attempts per handler invocation, so it
	 * dead-letters a run itself no later than DriftQ would.
	 */
	static int budget(Command command) {
		return Math.max(2, command.maxAttemptsOrDefault());
	}

}
