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

import java.time.Duration;
import java.util.List;

import io.driftq.demo.config.DemoProperties;

import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code Idempotency-Key}s of {@code POST /runs}, in the run table's database: a key
 * is claimed with its request's hash before the run is made, and completed with the
 * answer; it is kept for {@code sidefx.idempotency-window}. A claim that did not finish
 * (the API failed or DriftQ refused the command) is released, so the client's retry runs
 * the request again.
 */
@Repository
@Profile("!worker")
class IdempotencyKeys {

	private static final String IN_PROGRESS = "IN_PROGRESS";

	private static final String DONE = "DONE";

	private final JdbcTemplate jdbc;

	private final Duration window;

	IdempotencyKeys(JdbcTemplate jdbc, DemoProperties properties) {
		this.jdbc = jdbc;
		this.window = properties.idempotencyWindow();
	}

	/**
	 * Claims a key for a request.
	 * @param key the client's key
	 * @param requestSha256 the hash of the request
	 * @return {@code null} when this caller owns the key now; else the stored answer to
	 * replay
	 * @throws IdempotencyConflict when the key belongs to another request, or the same
	 * one is still running
	 */
	String claim(String key, String requestSha256) {
		long now = System.currentTimeMillis();
		this.jdbc.update("DELETE FROM sidefx_idempotency WHERE idem_key = ? AND created_ms < ?", key,
				now - this.window.toMillis());
		int claimed = this.jdbc.update(
				"INSERT INTO sidefx_idempotency (idem_key, request_sha256, status, created_ms)"
						+ " VALUES (?, ?, ?, ?) ON CONFLICT (idem_key) DO NOTHING",
				key, requestSha256, IN_PROGRESS, now);
		if (claimed == 1) {
			return null;
		}
		List<String[]> rows = this.jdbc.query(
				"SELECT request_sha256, status, response FROM sidefx_idempotency" + " WHERE idem_key = ?",
				(rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) }, key);
		if (rows.isEmpty()) {
			// released between our insert and our read: the client may simply retry
			throw new IdempotencyConflict(false);
		}
		String[] row = rows.get(0);
		if (!row[0].equals(requestSha256)) {
			throw new IdempotencyConflict(true);
		}
		if (!DONE.equals(row[1])) {
			throw new IdempotencyConflict(false);
		}
		return row[2];
	}

	void complete(String key, String responseJson) {
		this.jdbc.update("UPDATE sidefx_idempotency SET status = ?, response = ? WHERE idem_key = ?", DONE,
				responseJson, key);
	}

	void release(String key) {
		this.jdbc.update("DELETE FROM sidefx_idempotency WHERE idem_key = ? AND status = ?", key, IN_PROGRESS);
	}

	/**
	 * A key used for another request (422), or for the same request still being made
	 * (409).
	 */
	static final class IdempotencyConflict extends RuntimeException {

		private final boolean otherRequest;

		IdempotencyConflict(boolean otherRequest) {
			super(otherRequest ? "this Idempotency-Key was used for a different request"
					: "a request with this Idempotency-Key is still being processed; retry later");
			this.otherRequest = otherRequest;
		}

		boolean otherRequest() {
			return this.otherRequest;
		}

	}

}
