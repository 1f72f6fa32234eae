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

package io.driftq.demo.runs;

import java.sql.Types;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo's run registry, in the application database (shared by the API and the
 * workers).
 */
@Repository
public class RunRepository {

	private static final Logger logger = LoggerFactory.getLogger(RunRepository.class);

	private static final RowMapper<RunRecord> ROW = (rs, n) -> new RunRecord(rs.getString("run_id"),
			rs.getString("business_key"), RunStatus.valueOf(rs.getString("status")), rs.getString("last_error"),
			rs.getString("command"), rs.getLong("created_ms"), rs.getLong("updated_ms"));

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	public RunRepository(JdbcTemplate jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * Registers a new run as {@link RunStatus#QUEUED}.
	 * @param runId the run
	 * @param businessKey its business key
	 * @param commandJson its command
	 */
	public void create(String runId, String businessKey, String commandJson) {
		create(runId, businessKey, commandJson, null);
	}

	/**
	 * Registers a new run as {@link RunStatus#QUEUED}, with the trace it was created in.
	 * @param runId the run
	 * @param businessKey its business key
	 * @param commandJson its command
	 * @param traceId the trace id, or {@code null} for none
	 */
	public void create(String runId, String businessKey, String commandJson, String traceId) {
		long now = System.currentTimeMillis();
		this.jdbc.update(
				"INSERT INTO sidefx_run (run_id, business_key, status, command, created_ms, updated_ms)"
						+ " VALUES (?, ?, ?, ?, ?, ?)",
				runId, businessKey, RunStatus.QUEUED.name(), commandJson, now, now);
		if (traceId == null) {
			return;
		}
		// no transaction around both: the run is made or refused exactly as without a
		// trace (a database lost in
		// between fails the rollback too, which would turn the outage's 503 into a 500);
		// the trace id is a nicety
		try {
			this.jdbc.update("INSERT INTO sidefx_run_trace (run_id, trace_id) VALUES (?, ?)", runId, traceId);
		}
		catch (DataAccessException ex) {
			logger.debug("The trace id of run {} was not recorded: {}", runId, ex.getMessage());
		}
	}

	/**
	 * Forgets a run the API could not enqueue.
	 * @param runId the run
	 */
	public void delete(String runId) {
		this.jdbc.update("DELETE FROM sidefx_run_trace WHERE run_id = ?", runId);
		this.jdbc.update("DELETE FROM sidefx_run WHERE run_id = ?", runId);
	}

	/**
	 * The trace a run was created in.
	 * @param runId the run
	 * @return its trace id, or {@code null} when none was recorded (no tracing, or
	 * created by another API)
	 */
	public String traceId(String runId) {
		List<String> ids = this.jdbc.queryForList("SELECT trace_id FROM sidefx_run_trace WHERE run_id = ?",
				String.class, runId);
		return ids.isEmpty() ? null : ids.get(0);
	}

	/**
	 * Counts one handler invocation for a command message and marks the run running.
	 * @param runId the run
	 * @param stepId the step
	 * @param baseAttempt the attempt the message starts at
	 * @param businessKey the business key
	 * @param commandJson the command
	 * @param registerUnknown whether a run not in the table is registered (another API,
	 * e.g. the Python one, created it) rather than refused
	 * @return how many times this message has now been handled, 1 the first time; 0 when
	 * the run is unknown and {@code registerUnknown} is false (nothing was written)
	 */
	public int recordDelivery(String runId, String stepId, int baseAttempt, String businessKey, String commandJson,
			boolean registerUnknown) {
		Integer deliveries = this.transactions.execute((status) -> {
			long now = System.currentTimeMillis();
			if (registerUnknown) {
				this.jdbc.update("INSERT INTO sidefx_run (run_id, business_key, status, command, created_ms,"
						+ " updated_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET status = ?,"
						+ " updated_ms = ?", runId, businessKey, RunStatus.RUNNING.name(), commandJson, now, now,
						RunStatus.RUNNING.name(), now);
			}
			else if (this.jdbc.update("UPDATE sidefx_run SET status = ?, updated_ms = ? WHERE run_id = ?",
					RunStatus.RUNNING.name(), now, runId) == 0) {
				return 0;
			}
			this.jdbc
				.update("INSERT INTO sidefx_delivery (run_id, step_id, base_attempt, deliveries) VALUES (?, ?, ?, 1)"
						+ " ON CONFLICT (run_id, step_id, base_attempt)"
						+ " DO UPDATE SET deliveries = sidefx_delivery.deliveries + 1", runId, stepId, baseAttempt);
			return this.jdbc.queryForObject(
					"SELECT deliveries FROM sidefx_delivery WHERE run_id = ? AND step_id = ?" + " AND base_attempt = ?",
					Integer.class, runId, stepId, baseAttempt);
		});
		return (deliveries != null) ? deliveries : 1;
	}

	/**
	 * Sets a run's status.
	 * @param runId the run
	 * @param status the new status
	 * @param error the failure, or {@code null}
	 */
	public void setStatus(String runId, RunStatus status, String error) {
		// typed: a null of unknown type costs PostgreSQL a parameter-metadata round trip
		this.jdbc.update(
				"UPDATE sidefx_run SET status = ?, last_error = COALESCE(?, last_error), updated_ms = ?"
						+ " WHERE run_id = ?",
				new Object[] { status.name(), error, System.currentTimeMillis(), runId },
				new int[] { Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.VARCHAR });
	}

	/**
	 * Runs still queued or running with no progress since {@code beforeMs} and re-driven
	 * fewer than {@code maxRedrives} times, oldest first.
	 * @param beforeMs the cut-off (epoch millis)
	 * @param maxRedrives re-drives after which a run is left alone
	 * @param limit how many at most
	 * @return the stale runs
	 */
	public List<RunRecord> stale(long beforeMs, int maxRedrives, int limit) {
		return this.jdbc.query(
				"SELECT r.* FROM sidefx_run r LEFT JOIN sidefx_redrive d ON d.run_id = r.run_id"
						+ " WHERE r.status IN (?, ?) AND r.updated_ms < ? AND COALESCE(d.redrives, 0) < ?"
						+ " ORDER BY r.updated_ms LIMIT ?",
				ROW, RunStatus.QUEUED.name(), RunStatus.RUNNING.name(), beforeMs, maxRedrives, limit);
	}

	/**
	 * Counts one re-drive of a run.
	 * @param runId the run
	 * @return how many times it has now been re-driven
	 */
	public int countRedrive(String runId) {
		Integer count = this.transactions.execute((status) -> {
			long now = System.currentTimeMillis();
			this.jdbc.update(
					"INSERT INTO sidefx_redrive (run_id, redrives, last_ms) VALUES (?, 1, ?)"
							+ " ON CONFLICT (run_id) DO UPDATE SET redrives = sidefx_redrive.redrives + 1, last_ms = ?",
					runId, now, now);
			return redrives(runId);
		});
		return (count != null) ? count : 1;
	}

	/**
	 * How many times a run was re-driven.
	 * @param runId the run
	 * @return the count, 0 if never
	 */
	public int redrives(String runId) {
		List<Integer> counts = this.jdbc.queryForList("SELECT redrives FROM sidefx_redrive WHERE run_id = ?",
				Integer.class, runId);
		return counts.isEmpty() ? 0 : counts.get(0);
	}

	/**
	 * Marks a stale run as touched now, if nobody changed it since it was read: of
	 * several API instances, only the one whose update wins re-drives it.
	 * @param run the run as read
	 * @return whether this caller won
	 */
	public boolean touchIfUnchanged(RunRecord run) {
		return this.jdbc.update(
				"UPDATE sidefx_run SET updated_ms = ? WHERE run_id = ? AND updated_ms = ? AND status = ?",
				System.currentTimeMillis(), run.runId(), run.updatedMs(), run.status().name()) == 1;
	}

	/**
	 * Finds a run.
	 * @param runId the run
	 * @return the run, if known
	 */
	public Optional<RunRecord> find(String runId) {
		List<RunRecord> rows = this.jdbc.query("SELECT * FROM sidefx_run WHERE run_id = ?", ROW, runId);
		return rows.stream().findFirst();
	}

	/**
	 * The newest runs.
	 * @param limit how many at most
	 * @return newest first
	 */
	public List<RunRecord> recent(int limit) {
		return this.jdbc.query("SELECT * FROM sidefx_run ORDER BY created_ms DESC LIMIT ?", ROW, limit);
	}

}
