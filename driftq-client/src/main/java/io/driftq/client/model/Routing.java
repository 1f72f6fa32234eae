package io.driftq.client.model;

import java.util.Map;

/**
 * Routing metadata a server-side router attached to a message.
 *
 * @param label the routing label
 * @param meta free-form routing metadata
 */
public record Routing(String label, Map<String, String> meta) {

	public Routing {
		meta = (meta != null) ? Map.copyOf(meta) : Map.of();
	}

}
