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

import java.sql.Types;
import java.time.Duration;

import io.driftq.idempotent.EffectLeaseLostException;
import io.driftq.idempotent.EffectStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The writes on a claimed row, each fenced by its fencing token (completion, renewal,
 * release) or deliberately not (an operator's expire, force-release and resolve): one
 * statement each, outside a caller's transaction, except the local effect's completion,
 * which joins its transaction.
 */
final class EffectClaimWrites {

	// typed parameters: a null of unknown type makes Spring ask the driver for parameter
	// metadata, which costs
	// PostgreSQL an extra round trip per completion
	private static final int[] COMPLETE_TYPES = { Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
			Types.BIGINT };

	private final JdbcTemplate jdbc;

	private final EffectStoreQueryProvider queries;

	private final EffectStoreTransactions transactions;

	EffectClaimWrites(JdbcTemplate jdbc, EffectStoreQueryProvider queries, EffectStoreTransactions transactions) {
		this.jdbc = jdbc;
		this.queries = queries;
		this.transactions = transactions;
	}

	void complete(String effectId, long fencingToken, EffectStatus status, @Nullable String result,
			@Nullable String error) {
		int updated = this.transactions.write(() -> completeRow(effectId, fencingToken, status, result, error));
		requireCompleted(updated, effectId, fencingToken, status);
	}

	/** The completion inside the local effect's transaction, not in one of its own. */
	void succeedInLocalTransaction(String effectId, long fencingToken, @Nullable String resultJson) {
		int updated = completeRow(effectId, fencingToken, EffectStatus.SUCCEEDED, resultJson, null);
		requireCompleted(updated, effectId, fencingToken, EffectStatus.SUCCEEDED);
	}

	private int completeRow(String effectId, long fencingToken, EffectStatus status, @Nullable String result,
			@Nullable String error) {
		return this.jdbc.update(this.queries.complete(),
				new Object[] { status.name(), result, error, effectId, fencingToken }, COMPLETE_TYPES);
	}

	boolean renew(String effectId, long fencingToken, Duration lease) {
		return updatedOne(this.queries.renew(), lease.toMillis(), effectId, fencingToken);
	}

	boolean release(String effectId, long fencingToken) {
		return updatedOne(this.queries.release(), effectId, fencingToken);
	}

	boolean expireLease(String effectId) {
		return updatedOne(this.queries.expireLease(), effectId);
	}

	boolean forceRelease(String effectId) {
		return updatedOne(this.queries.forceRelease(), effectId);
	}

	boolean resolveSucceeded(String effectId, @Nullable String resultJson) {
		return updatedOne(this.queries.resolveSucceeded(), resultJson, effectId);
	}

	private boolean updatedOne(String sql, @Nullable Object... args) {
		return this.transactions.write(() -> this.jdbc.update(sql, args)) == 1;
	}

	private static void requireCompleted(int updated, String effectId, long fencingToken, EffectStatus status) {
		if (updated == 0) {
			throw new EffectLeaseLostException(effectId,
					"Effect '" + effectId + "' is no longer claimed with fencing " + "token " + fencingToken
							+ " (lease expired and taken over, or resolved); completion as " + status + " rejected");
		}
	}

}
