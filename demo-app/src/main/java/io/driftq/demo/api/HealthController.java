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

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqException;
import io.driftq.client.model.ServerVersion;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /healthz}: {@code {ok, driftq, database}}, 503 when DriftQ or the database
 * does not answer (the database check waits at most the pool's connection timeout, 1.5 s
 * by default).
 */
@RestController
@Profile("!worker")
class HealthController {

	private final DriftqClient client;

	private final DataSource dataSource;

	HealthController(DriftqClient client, DataSource dataSource) {
		this.client = client;
		this.dataSource = dataSource;
	}

	@GetMapping("/healthz")
	ResponseEntity<Map<String, Object>> health() {
		Map<String, Object> driftq = new LinkedHashMap<>();
		driftq.put("url", this.client.baseUrl());
		try {
			boolean healthy = this.client.isHealthy();
			driftq.put("status", healthy ? "ok" : "unhealthy");
			if (healthy) {
				ServerVersion version = this.client.version();
				driftq.put("version", version.version());
			}
		}
		catch (DriftqException ex) {
			driftq.put("status", "unreachable");
			driftq.put("error", ex.getMessage());
		}
		Map<String, Object> database = database();
		boolean ok = "ok".equals(driftq.get("status")) && "ok".equals(database.get("status"));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("ok", ok);
		body.put("driftq", driftq);
		body.put("database", database);
		return ResponseEntity.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
	}

	private Map<String, Object> database() {
		Map<String, Object> database = new LinkedHashMap<>();
		try (Connection connection = this.dataSource.getConnection()) {
			database.put("status", connection.isValid(1) ? "ok" : "unhealthy");
		}
		catch (SQLException | RuntimeException ex) {
			database.put("status", "unreachable");
			database.put("error", ex.getMessage());
		}
		return database;
	}

}
