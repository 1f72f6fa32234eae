package io.driftq.demo.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.driftq.demo.Command;
import io.driftq.demo.config.DemoProperties;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Writes the proof artifact {@code ARTIFACTS_DIR/tickets/ticket_<business_key>.json}, create-only: if a crashed
 * earlier attempt already wrote it, it is kept as is, so there is never a second ticket.
 */
@Component
public class TicketFiles {

	private final Path ticketsDir;

	private final JsonMapper json;

	TicketFiles(DemoProperties properties, JsonMapper json) {
		this.ticketsDir = properties.ticketsDir();
		this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
	}

	/**
	 * The ticket file of a business key (characters outside {@code [A-Za-z0-9._-]} become {@code _}).
	 * @param businessKey the business key
	 * @return the path
	 */
	public Path ticketFor(String businessKey) {
		return this.ticketsDir.resolve("ticket_" + businessKey.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
	}

	/**
	 * Creates the ticket unless it exists.
	 * @param command the command being handled
	 * @param chargeId the provider's charge
	 * @param effectId the effect id
	 * @return the ticket file
	 */
	Path createOnce(Command command, String chargeId, String effectId) {
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
			// false: an attempt that crashed before its completion was recorded wrote it; keep that one
			CreateOnlyFile.write(file, this.json.writeValueAsBytes(ticket));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write ticket " + file + ": " + ex.getMessage(), ex);
		}
		return file;
	}

}
