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

package io.driftq.benchmarks.effects;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * The floor: the least bookkeeping a hand-written "run once" would do — one INSERT of a
 * claimed row, then one UPDATE of that row by primary key, each in its own auto-commit
 * transaction, on a table shaped like {@code driftq_effect} (without its secondary
 * index). Like the effect store, every statement borrows a pooled connection.
 */
final class Floor {

	static final String TABLE = "driftq_bench_floor";

	private static final String INSERT = "INSERT INTO " + TABLE
			+ " (id, status, payload_hash, result, created_at, updated_at) VALUES (?, 'CLAIMED', ?, NULL, ?, ?)";

	private static final String UPDATE = "UPDATE " + TABLE
			+ " SET status = 'SUCCEEDED', result = ?, updated_at = ? WHERE id = ?";

	private final DataSource dataSource;

	Floor(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	void create() throws SQLException {
		execute("DROP TABLE IF EXISTS " + TABLE);
		execute("CREATE TABLE " + TABLE + " (id VARCHAR(200) NOT NULL PRIMARY KEY, status VARCHAR(16) NOT NULL, "
				+ "payload_hash VARCHAR(64) NOT NULL, result TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)");
	}

	void drop() throws SQLException {
		execute("DROP TABLE IF EXISTS " + TABLE);
	}

	/** One floor operation: claim row, then mark it done. */
	void run(String id, String payloadHash, String result) throws SQLException {
		long now = System.currentTimeMillis();
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement insert = connection.prepareStatement(INSERT)) {
			insert.setString(1, id);
			insert.setString(2, payloadHash);
			insert.setLong(3, now);
			insert.setLong(4, now);
			insert.executeUpdate();
		}
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement update = connection.prepareStatement(UPDATE)) {
			update.setString(1, result);
			update.setLong(2, System.currentTimeMillis());
			update.setString(3, id);
			if (update.executeUpdate() != 1) {
				throw new IllegalStateException("floor row " + id + " not updated");
			}
		}
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
