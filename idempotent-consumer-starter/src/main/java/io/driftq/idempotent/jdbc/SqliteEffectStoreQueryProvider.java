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
 * SQLite 3.24+: {@code julianday('now')} as the clock; archiving copies then deletes
 * (under the store's single writer lock).
 */
public class SqliteEffectStoreQueryProvider extends EffectStoreQueryProvider {

	@Override
	public String now() {
		return "(CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER))";
	}

	@Override
	String deleteFinishedBatch() {
		return sql("""
				DELETE FROM driftq_effect WHERE effect_id IN (SELECT effect_id FROM driftq_effect \
				WHERE status IN ('SUCCEEDED', 'FAILED') AND updated_at < {now} - ? LIMIT ?)""");
	}

	@Override
	@Nullable String archiveBatch() {
		return null;
	}

}
