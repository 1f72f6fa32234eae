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

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.driftq.idempotent.jdbc.JdbcEffectStore;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the starter's effect table for the debug views, in the Python starter's row
 * shape: {@code status} is {@code done} once the effect succeeded, {@code in_progress}
 * while claimed; {@code artifact_path} comes from the stored receipt, {@code payload}
 * from the run's command.
 */
@Component
class EffectRows {

	private static final String SELECT = "SELECT e.effect_id, e.run_id, e.step_id, e.business_key, e.status, e.result,"
			+ " e.attempts, e.created_at, e.updated_at, r.command FROM " + JdbcEffectStore.TABLE + " e"
			+ " LEFT JOIN sidefx_run r ON r.run_id = e.run_id";

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	EffectRows(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	List<Map<String, Object>> recent(int limit) {
		return this.jdbc.query(SELECT + " ORDER BY e.updated_at DESC LIMIT ?", this::row, limit);
	}

	List<Map<String, Object>> ofRun(String runId) {
		return this.jdbc.query(SELECT + " WHERE e.run_id = ? ORDER BY e.created_at", this::row, runId);
	}

	private Map<String, Object> row(ResultSet rs, int n) throws SQLException {
		JsonNode result = parse(rs.getString("result"));
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("effect_id", rs.getString("effect_id"));
		row.put("run_id", rs.getString("run_id"));
		row.put("step_id", rs.getString("step_id"));
		row.put("business_key", rs.getString("business_key"));
		row.put("status", status(rs.getString("status")));
		row.put("artifact_path",
				(result != null && result.hasNonNull("artifact_path")) ? result.get("artifact_path").asString() : null);
		row.put("created_ms", rs.getLong("created_at"));
		row.put("updated_ms", rs.getLong("updated_at"));
		row.put("attempts", rs.getInt("attempts"));
		row.put("payload", parse(rs.getString("command")));
		return row;
	}

	/**
	 * The Python starter's status words; UNKNOWN and FAILED keep their meaning in lower
	 * case.
	 */
	static String status(String effectStatus) {
		return switch (effectStatus) {
			case "SUCCEEDED" -> "done";
			case "CLAIMED" -> "in_progress";
			default -> effectStatus.toLowerCase(java.util.Locale.ROOT);
		};
	}

	private JsonNode parse(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return this.json.readTree(text);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
