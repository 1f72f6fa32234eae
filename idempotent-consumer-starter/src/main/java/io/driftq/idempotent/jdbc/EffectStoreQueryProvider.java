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

package io.driftq.idempotent.jdbc;

import org.jspecify.annotations.Nullable;

/**
 * The SQL of {@link JdbcEffectStore}, one subclass per platform, built once (the claim
 * and the completion run on every effect and key the pool's statement cache). Times are
 * epoch millis on the database clock ({@link #now()}), never the JVM's; {@code {now}} in
 * a statement stands for it.
 */
public abstract class EffectStoreQueryProvider {

	static final String TABLE = JdbcEffectStore.TABLE;

	static final String ARCHIVE_TABLE = JdbcEffectStore.ARCHIVE_TABLE;

	static final String COLUMNS = "effect_id, run_id, step_id, business_key, status, fencing_token, "
			+ "lease_until, attempts, payload_hash, result, error, created_at, updated_at";

	private final String claim = sql(
			"""
					INSERT INTO driftq_effect (%s) VALUES (?, ?, ?, ?, 'CLAIMED', 1, {now} + ?, 1, ?, NULL, NULL, {now}, {now}) \
					ON CONFLICT (effect_id) DO NOTHING"""
				.formatted(COLUMNS));

	private final String complete = sql("""
			UPDATE driftq_effect SET status = ?, result = ?, error = ?, lease_until = NULL, updated_at = {now} \
			WHERE effect_id = ? AND fencing_token = ? AND status = 'CLAIMED'""");

	private final String select = sql("""
			SELECT %s, CASE WHEN lease_until IS NOT NULL AND lease_until <= {now} THEN 1 ELSE 0 END AS lease_expired, \
			CASE WHEN lease_until IS NULL THEN 0 ELSE lease_until - {now} END AS lease_remaining \
			FROM driftq_effect""".formatted(COLUMNS));

	/**
	 * @return SQL for "now" in epoch millis on the database clock, parenthesized
	 */
	public abstract String now();

	/** Replaces {@code {now}} with the platform's clock expression. */
	final String sql(String template) {
		return template.replace("{now}", now());
	}

	/**
	 * @return the first claim: an insert that does nothing when the effect id exists
	 */
	String claim() {
		return this.claim;
	}

	/**
	 * @return the fenced completion (status, result, error, effect id, token)
	 */
	String complete() {
		return this.complete;
	}

	/**
	 * @return the row with its lease judged on the database clock (add a WHERE clause)
	 */
	String select() {
		return this.select;
	}

	/**
	 * @return parks an expired claim as UNKNOWN (error, effect id, token)
	 */
	String parkUnknown() {
		return sql("""
				UPDATE driftq_effect SET status = 'UNKNOWN', fencing_token = fencing_token + 1, lease_until = NULL, \
				error = ?, updated_at = {now} \
				WHERE effect_id = ? AND status = 'CLAIMED' AND fencing_token = ? AND lease_until <= {now}""");
	}

	/**
	 * @param expired whether the claim to take is an expired one (else a released one)
	 * @return takes a claim over (lease millis, effect id, token)
	 */
	String takeOver(boolean expired) {
		return sql("""
				UPDATE driftq_effect SET fencing_token = fencing_token + 1, attempts = attempts + 1, \
				lease_until = {now} + ?, updated_at = {now} \
				WHERE effect_id = ? AND status = 'CLAIMED' AND fencing_token = ? AND """
				+ (expired ? " lease_until <= {now}" : " lease_until IS NULL"));
	}

	/**
	 * @return extends a held claim (lease millis, effect id, token)
	 */
	String renew() {
		return sql("""
				UPDATE driftq_effect SET lease_until = {now} + ?, updated_at = {now} \
				WHERE effect_id = ? AND fencing_token = ? AND status = 'CLAIMED' AND lease_until IS NOT NULL""");
	}

	/**
	 * @return ends a live claim's lease now (effect id)
	 */
	String expireLease() {
		return sql("""
				UPDATE driftq_effect SET lease_until = {now} - 1 \
				WHERE effect_id = ? AND status = 'CLAIMED' AND lease_until IS NOT NULL""");
	}

	/**
	 * @return releases a held claim (effect id, token)
	 */
	String release() {
		return sql("""
				UPDATE driftq_effect SET fencing_token = fencing_token + 1, lease_until = NULL, updated_at = {now} \
				WHERE effect_id = ? AND fencing_token = ? AND status = 'CLAIMED'""");
	}

	/**
	 * @return operator release of a CLAIMED or UNKNOWN row (effect id)
	 */
	String forceRelease() {
		return sql("""
				UPDATE driftq_effect SET status = 'CLAIMED', fencing_token = fencing_token + 1, lease_until = NULL, \
				updated_at = {now} WHERE effect_id = ? AND status IN ('CLAIMED', 'UNKNOWN')""");
	}

	/**
	 * @return operator resolution of a CLAIMED or UNKNOWN row as SUCCEEDED (result,
	 * effect id)
	 */
	String resolveSucceeded() {
		return sql("""
				UPDATE driftq_effect SET status = 'SUCCEEDED', result = ?, fencing_token = fencing_token + 1, \
				lease_until = NULL, updated_at = {now} WHERE effect_id = ? AND status IN ('CLAIMED', 'UNKNOWN')""");
	}

	/**
	 * @return the reaper's index on finished rows
	 */
	String createRetentionIndex() {
		return """
				CREATE INDEX IF NOT EXISTS driftq_effect_finished_updated ON driftq_effect (updated_at) \
				WHERE status IN ('SUCCEEDED', 'FAILED')""";
	}

	/**
	 * @return deletes one batch of finished rows older than a TTL (ttl millis, batch
	 * size)
	 */
	abstract String deleteFinishedBatch();

	/**
	 * @return moves one batch of finished rows into the archive in one statement (ttl
	 * millis, batch size), or {@code null} when the platform copies and deletes in two
	 * ({@link #copyBatchToArchive()}, {@link #deleteArchivedBatch()})
	 */
	abstract @Nullable String archiveBatch();

	/**
	 * @return the database clock's now
	 */
	String selectNow() {
		return "SELECT " + now();
	}

	/**
	 * @return copies a batch into the archive (archived_at, cutoff, batch size)
	 */
	String copyBatchToArchive() {
		return "INSERT INTO " + ARCHIVE_TABLE + " (" + COLUMNS + ", archived_at) SELECT " + COLUMNS + ", ? FROM "
				+ TABLE + " WHERE effect_id IN (" + archivableBatch() + ")";
	}

	/**
	 * @return deletes the batch {@link #copyBatchToArchive()} copied (cutoff, batch size)
	 */
	String deleteArchivedBatch() {
		return "DELETE FROM " + TABLE + " WHERE effect_id IN (" + archivableBatch() + ")";
	}

	/** Both statements must see the same batch: one cutoff, a deterministic order. */
	private static String archivableBatch() {
		return "SELECT effect_id FROM " + TABLE + " WHERE status IN ('SUCCEEDED', 'FAILED') AND updated_at < ?"
				+ " ORDER BY effect_id LIMIT ?";
	}

	/**
	 * @param dialect the platform
	 * @return its queries
	 */
	public static EffectStoreQueryProvider of(Dialect dialect) {
		return switch (dialect) {
			case SQLITE -> new SqliteEffectStoreQueryProvider();
			case POSTGRESQL -> new PostgresEffectStoreQueryProvider();
		};
	}

}
