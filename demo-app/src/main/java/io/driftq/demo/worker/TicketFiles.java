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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.driftq.demo.Command;
import io.driftq.demo.config.DemoProperties;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Writes the proof artifact
 * {@code ARTIFACTS_DIR/tickets/ticket_<business_key>-<hash>.json} (see
 * {@link #fileName(String)}), create-only: if a crashed earlier attempt already wrote it,
 * it is kept as is, so there is never a second ticket.
 */
@Component
public class TicketFiles {

	private static final Pattern UNREADABLE = Pattern.compile("[^A-Za-z0-9._-]");

	private final Path ticketsDir;

	private final JsonMapper json;

	TicketFiles(DemoProperties properties, JsonMapper json) {
		this.ticketsDir = properties.ticketsDir();
		this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
	}

	/**
	 * The ticket file of a business key.
	 * @param businessKey the business key
	 * @return the path
	 */
	public Path ticketFor(String businessKey) {
		return this.ticketsDir.resolve(fileName(businessKey));
	}

	/**
	 * The ticket file name of a business key: {@code ticket_<readable>-<hash>.json},
	 * where {@code readable} is the key with every character outside
	 * {@code [A-Za-z0-9._-]} replaced by {@code _} (at most 100 of them) and {@code hash}
	 * the first 12 hex digits of the key's SHA-256 (UTF-8). The hash keeps keys apart
	 * that read the same ({@code a/b} and {@code a_b}); the readable part is only for
	 * people.
	 * @param businessKey the business key
	 * @return the file name
	 */
	public static String fileName(String businessKey) {
		String readable = UNREADABLE.matcher(businessKey).replaceAll("_");
		if (readable.length() > 100) {
			readable = readable.substring(0, 100);
		}
		return "ticket_" + readable + "-" + sha256(businessKey).substring(0, 12) + ".json";
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

	/**
	 * Creates the ticket unless it exists.
	 * @param command the command being handled
	 * @param chargeId the provider's charge
	 * @param effectId the effect id
	 * @return the ticket file and whether this call wrote it
	 */
	Ticket createOnce(Command command, String chargeId, String effectId) {
		Path file = ticketFor(command.businessKey());
		Map<String, Object> ticket = new LinkedHashMap<>();
		ticket.put("created_ms", System.currentTimeMillis());
		ticket.put("run_id", command.runId());
		ticket.put("step_id", command.stepOrDefault());
		ticket.put("business_key", command.businessKey());
		ticket.put("amount", command.amount());
		ticket.put("charge_id", chargeId);
		ticket.put("effect_id", effectId);
		ticket.put("note", "fake external side effect (ticket/webhook/charge)");
		try {
			// false: an attempt that crashed before its completion was recorded wrote it;
			// keep that one
			return new Ticket(file, CreateOnlyFile.write(file, this.json.writeValueAsBytes(ticket)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write ticket " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * A ticket file.
	 *
	 * @param path where it is
	 * @param created whether this call wrote it (else an earlier, crashed attempt did)
	 */
	record Ticket(Path path, boolean created) {
	}

}
