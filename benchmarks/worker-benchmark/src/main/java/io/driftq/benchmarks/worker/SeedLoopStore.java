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

package io.driftq.benchmarks.worker;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The seed's {@code SideEffectStore} (worker/app/side_effects_store.py) statement for
 * statement: every call opens a new SQLite connection with {@code journal_mode=WAL} and
 * {@code synchronous=NORMAL}, every public call first runs {@code ensure_schema} (three
 * {@code IF NOT EXISTS} statements) on a connection of its own, and each write commits on
 * its own.
 */
final class SeedLoopStore {

	private final String url;

	SeedLoopStore(Path dbPath) {
		this.url = "jdbc:sqlite:" + dbPath.toAbsolutePath();
	}

	private Connection connect() throws SQLException {
		Connection connection = DriverManager.getConnection(this.url);
		try (Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA journal_mode=WAL;");
			statement.execute("PRAGMA synchronous=NORMAL;");
		}
		return connection;
	}

	void ensureSchema() throws SQLException {
		try (Connection c = connect(); Statement statement = c.createStatement()) {
			statement
				.execute("CREATE TABLE IF NOT EXISTS side_effects (effect_id TEXT PRIMARY KEY, run_id TEXT NOT NULL,"
						+ " step_id TEXT NOT NULL, business_key TEXT NOT NULL, status TEXT NOT NULL, artifact_path TEXT,"
						+ " created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL, payload_json TEXT NOT NULL);");
			statement.execute("CREATE INDEX IF NOT EXISTS idx_side_effects_run_id ON side_effects(run_id);");
			statement
				.execute("CREATE INDEX IF NOT EXISTS idx_side_effects_business_key ON side_effects(business_key);");
		}
	}

	/** The effect's status, or {@code null} when it has no row. */
	String status(String effectId) throws SQLException {
		ensureSchema();
		try (Connection c = connect();
				PreparedStatement select = c
					.prepareStatement("SELECT status, artifact_path FROM side_effects WHERE effect_id = ?;")) {
			select.setString(1, effectId);
			try (ResultSet rs = select.executeQuery()) {
				return rs.next() ? rs.getString(1) : null;
			}
		}
	}

	/** Inserts the {@code in_progress} row; {@code false} when it exists. */
	boolean markInProgressIfNew(String effectId, String runId, String stepId, String businessKey, String payloadJson)
			throws SQLException {
		ensureSchema();
		long now = System.currentTimeMillis();
		try (Connection c = connect();
				PreparedStatement insert = c.prepareStatement("INSERT INTO side_effects(effect_id, run_id, step_id,"
						+ " business_key, status, artifact_path, created_ms, updated_ms, payload_json)"
						+ " VALUES(?, ?, ?, ?, 'in_progress', NULL, ?, ?, ?);")) {
			insert.setString(1, effectId);
			insert.setString(2, runId);
			insert.setString(3, stepId);
			insert.setString(4, businessKey);
			insert.setLong(5, now);
			insert.setLong(6, now);
			insert.setString(7, payloadJson);
			insert.executeUpdate();
			return true;
		}
		catch (SQLException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("UNIQUE")) {
				return false;
			}
			throw ex;
		}
	}

	void markDone(String effectId, String artifactPath) throws SQLException {
		ensureSchema();
		try (Connection c = connect();
				PreparedStatement update = c.prepareStatement(
						"UPDATE side_effects SET status='done', artifact_path=?, updated_ms=? WHERE effect_id=?;")) {
			update.setString(1, artifactPath);
			update.setLong(2, System.currentTimeMillis());
			update.setString(3, effectId);
			update.executeUpdate();
		}
	}

}
