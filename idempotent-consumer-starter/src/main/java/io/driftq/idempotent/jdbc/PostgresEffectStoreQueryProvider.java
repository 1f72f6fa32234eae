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

/**
 * PostgreSQL 9.5+: {@code clock_timestamp()} as the clock; retention batches taken
 * {@code FOR UPDATE SKIP LOCKED}, so that reapers on several nodes skip each other's
 * batches instead of waiting on row locks, and archived in one statement
 * ({@code DELETE ... RETURNING} feeding an {@code INSERT}).
 */
public class PostgresEffectStoreQueryProvider extends EffectStoreQueryProvider {

	@Override
	public String now() {
		return "(CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT))";
	}

	@Override
	String deleteFinishedBatch() {
		return sql("""
				DELETE FROM driftq_effect WHERE effect_id IN (SELECT effect_id FROM driftq_effect \
				WHERE status IN ('SUCCEEDED', 'FAILED') AND updated_at < {now} - ? LIMIT ? FOR UPDATE SKIP LOCKED)""");
	}

	@Override
	String archiveBatch() {
		return sql("""
				WITH moved AS (DELETE FROM driftq_effect WHERE effect_id IN (SELECT effect_id FROM driftq_effect \
				WHERE status IN ('SUCCEEDED', 'FAILED') AND updated_at < {now} - ? LIMIT ? FOR UPDATE SKIP LOCKED) \
				RETURNING %1$s) INSERT INTO driftq_effect_archive (%1$s, archived_at) SELECT %1$s, {now} FROM moved"""
			.formatted(COLUMNS));
	}

}
