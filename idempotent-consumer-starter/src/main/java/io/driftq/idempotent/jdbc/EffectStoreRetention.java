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

import java.time.Duration;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The retention statements of {@link JdbcEffectStore}: deleting or archiving finished
 * effects older than a TTL, in batches, and the index they select by.
 */
final class EffectStoreRetention {

	private final JdbcTemplate jdbc;

	private final EffectStoreQueryProvider queries;

	private final EffectStoreTransactions transactions;

	EffectStoreRetention(JdbcTemplate jdbc, EffectStoreQueryProvider queries, EffectStoreTransactions transactions) {
		this.jdbc = jdbc;
		this.queries = queries;
		this.transactions = transactions;
	}

	/**
	 * Creates the index the retention reaper deletes by (finished rows by
	 * {@code updated_at}), if missing. Kept out of the schema script so that an
	 * application without retention pays no index write per effect.
	 */
	void createIndex() {
		this.transactions.write(() -> {
			this.jdbc.execute(this.queries.createRetentionIndex());
			return null;
		});
	}

	int deleteFinishedOlderThan(Duration ttl, int batchSize) {
		int total = 0;
		while (true) {
			int deleted = this.transactions
				.write(() -> this.jdbc.update(this.queries.deleteFinishedBatch(), ttl.toMillis(), batchSize));
			total += deleted;
			if (deleted < batchSize) {
				return total;
			}
		}
	}

	/**
	 * Each batch is one transaction. PostgreSQL: one statement,
	 * {@code DELETE ... RETURNING} feeding an {@code INSERT} (a CTE), the batch selected
	 * {@code FOR UPDATE SKIP LOCKED} so that reapers on several nodes take disjoint
	 * batches. SQLite: {@code INSERT ... SELECT} then {@code DELETE} of the same batch
	 * (one cutoff, ordered by effect id), under the store's write lock and the database's
	 * single writer; a batch whose two counts differ is rolled back.
	 */
	int archiveFinishedOlderThan(Duration ttl, int batchSize) {
		long ttlMillis = ttl.toMillis();
		int total = 0;
		while (true) {
			Integer moved = this.transactions.inTransaction(() -> archiveBatch(ttlMillis, batchSize));
			total += (moved != null) ? moved : 0;
			if (moved == null || moved < batchSize) {
				return total;
			}
		}
	}

	private int archiveBatch(long ttlMillis, int batchSize) {
		String oneStatement = this.queries.archiveBatch();
		if (oneStatement != null) {
			return this.jdbc.update(oneStatement, ttlMillis, batchSize);
		}
		long now = Objects.requireNonNull(this.jdbc.queryForObject(this.queries.selectNow(), Long.class), "now");
		long cutoff = now - ttlMillis;
		int copied = this.jdbc.update(this.queries.copyBatchToArchive(), now, cutoff, batchSize);
		int deleted = this.jdbc.update(this.queries.deleteArchivedBatch(), cutoff, batchSize);
		if (copied != deleted) {
			throw new IllegalStateException("Archiving finished effects copied " + copied + " rows but deleted "
					+ deleted + "; the batch was rolled back");
		}
		return deleted;
	}

}
