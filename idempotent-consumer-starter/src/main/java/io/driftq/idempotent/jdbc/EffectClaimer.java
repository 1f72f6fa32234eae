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
import java.util.Optional;
import java.util.function.Function;

import io.driftq.idempotent.EffectKey;
import io.driftq.idempotent.EffectRecord;
import io.driftq.idempotent.EffectStore.ClaimResult;
import io.driftq.idempotent.EffectStoreUnavailableException;
import io.driftq.idempotent.ExpiredClaimPolicy;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The claim of {@link JdbcEffectStore}: an {@code INSERT ... ON CONFLICT DO NOTHING}, and
 * when the row exists, what it says (finished, payload mismatch, in progress, lease
 * expired) with a take-over or an UNKNOWN park guarded by the row's fencing token. A
 * round that loses a race to another claimer reads the row again.
 */
final class EffectClaimer {

	private static final int[] CLAIM_TYPES = { Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT,
			Types.VARCHAR };

	private final JdbcTemplate jdbc;

	private final EffectStoreQueryProvider queries;

	private final EffectStoreTransactions transactions;

	private final Function<String, Optional<EffectRecord>> finder;

	EffectClaimer(JdbcTemplate jdbc, EffectStoreQueryProvider queries, EffectStoreTransactions transactions,
			Function<String, Optional<EffectRecord>> finder) {
		this.jdbc = jdbc;
		this.queries = queries;
		this.transactions = transactions;
		this.finder = finder;
	}

	/**
	 * Claims the key, or says who holds it.
	 * @throws EffectStoreUnavailableException when the database cannot be reached: the
	 * effect has not run
	 */
	ClaimResult claim(EffectKey key, String payloadHash, Duration lease, ExpiredClaimPolicy policy) {
		try {
			return claimOrFind(key, payloadHash, lease, policy);
		}
		catch (DataAccessResourceFailureException | TransientDataAccessResourceException | QueryTimeoutException ex) {
			throw new EffectStoreUnavailableException(key.effectId(),
					"The effect store could not be reached to claim " + "effect '" + key.effectId() + "' ("
							+ ex.getMostSpecificCause().getMessage() + "); the effect did "
							+ "not run, try again later",
					ex);
		}
	}

	private ClaimResult claimOrFind(EffectKey key, String payloadHash, Duration lease, ExpiredClaimPolicy policy) {
		long leaseMillis = lease.toMillis();
		String id = key.effectId();
		for (int round = 0; round < 20; round++) {
			Object[] values = { id, key.runId(), key.stepId(), key.businessKey(), leaseMillis, payloadHash };
			int inserted = this.transactions.write(() -> this.jdbc.update(this.queries.claim(), values, CLAIM_TYPES));
			if (inserted == 1) {
				return new ClaimResult(ClaimResult.Kind.ACQUIRED, null, 1, 1);
			}
			EffectRecord row = this.finder.apply(id).orElse(null);
			if (row == null) {
				continue;
			}
			if (!row.payloadHash().equals(payloadHash)) {
				return new ClaimResult(ClaimResult.Kind.PAYLOAD_MISMATCH, row, 0, 0);
			}
			switch (row.status()) {
				case SUCCEEDED:
					return new ClaimResult(ClaimResult.Kind.SUCCEEDED, row, 0, 0);
				case FAILED:
					return new ClaimResult(ClaimResult.Kind.FAILED, row, 0, 0);
				case UNKNOWN:
					return new ClaimResult(ClaimResult.Kind.UNKNOWN, row, 0, 0);
				case CLAIMED:
				default:
					break;
			}
			if (row.leaseUntil() == null) {
				if (takeOver(row, leaseMillis, false)) {
					return new ClaimResult(ClaimResult.Kind.REACQUIRED, row, row.fencingToken() + 1,
							row.attempts() + 1);
				}
				continue;
			}
			if (!row.leaseExpired()) {
				return new ClaimResult(ClaimResult.Kind.IN_PROGRESS, row, 0, 0);
			}
			if (policy != ExpiredClaimPolicy.MARK_UNKNOWN) {
				// RERUN and RECONCILE both take the claim over; the template asks the
				// reconciler
				if (takeOver(row, leaseMillis, true)) {
					return new ClaimResult(ClaimResult.Kind.TAKEN_OVER, row, row.fencingToken() + 1,
							row.attempts() + 1);
				}
				continue;
			}
			int parked = this.transactions.write(() -> this.jdbc.update(this.queries.parkUnknown(),
					"claim of attempt " + row.attempts() + " expired without completion", id, row.fencingToken()));
			if (parked == 1) {
				return new ClaimResult(ClaimResult.Kind.UNKNOWN, row, 0, 0);
			}
		}
		throw new IllegalStateException("Could not claim effect '" + id + "': too much contention");
	}

	private boolean takeOver(EffectRecord row, long leaseMillis, boolean expired) {
		return this.transactions.write(() -> this.jdbc.update(this.queries.takeOver(expired), leaseMillis,
				row.effectId(), row.fencingToken())) == 1;
	}

}
