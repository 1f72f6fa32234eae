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

package io.driftq.demo.worker;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.driftq.cloud.stream.binder.DriftqHeaders;
import io.driftq.demo.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;

/**
 * The worker's function: reads the command from the message's bytes itself (the binding
 * uses native decoding) so that a payload that is not a command is dead-lettered with the
 * real parse error, once, and acked, instead of reaching the handler as raw bytes.
 */
class CommandReader implements Consumer<Message<byte[]>> {

	private static final Logger logger = LoggerFactory.getLogger(CommandReader.class);

	private final JsonMapper json;

	private final CommandHandler handler;

	private final DeadLetters deadLetters;

	CommandReader(JsonMapper json, CommandHandler handler, DeadLetters deadLetters) {
		this.json = json;
		this.handler = handler;
		this.deadLetters = deadLetters;
	}

	@Override
	public void accept(Message<byte[]> message) {
		Command command;
		try {
			command = this.json.readValue(message.getPayload(), Command.class);
		}
		catch (JacksonException ex) {
			String reason = "not a command: " + ex.getOriginalMessage();
			String source = message.getHeaders().get(DriftqHeaders.TOPIC) + "/"
					+ message.getHeaders().get(DriftqHeaders.PARTITION) + "/"
					+ message.getHeaders().get(DriftqHeaders.OFFSET);
			logger.warn("Dead-lettering a malformed command at {} ({} bytes): {}", source, message.getPayload().length,
					reason);
			this.deadLetters.publishMalformed(new String(message.getPayload(), StandardCharsets.UTF_8), reason, source);
			return;
		}
		if (command == null) {
			this.deadLetters.publishMalformed("null", "not a command: the payload is JSON null", null);
			return;
		}
		this.handler.handle(command);
	}

}
