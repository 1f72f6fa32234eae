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

package io.driftq.idempotent;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Durable storage of effect rows. Every method is one short transaction of its own, never
 * part of a transaction the caller may have open (except
 * {@link #succeedInLocalTransaction}).
 */
public interface EffectStore {

	/**
	 * Tries to claim the effect.
	 * @param key the key
	 * @param payloadHash hash of the payload
	 * @param lease the lease
	 * @param policy what to do with an expired claim
	 * @return the outcome
	 */
	ClaimResult claim(EffectKey key, String payloadHash, Duration lease, ExpiredClaimPolicy policy);

	/**
	 * Marks a claimed effect SUCCEEDED.
	 * @param effectId the effect id
	 * @param fencingToken the claim's token
	 * @param resultJson the result as JSON
	 * @throws EffectLeaseLostException if the claim is no longer held
	 */
	void succeed(String effectId, long fencingToken, @Nullable String resultJson);

	/**
	 * Marks a claimed local effect SUCCEEDED inside the running
	 * {@link #inLocalTransaction local transaction}, so that the row commits or rolls
	 * back with the effect's own writes. Every other operation runs outside any
	 * transaction of the caller.
	 * @param effectId the effect id
	 * @param fencingToken the claim's token
	 * @param resultJson the result as JSON
	 * @throws EffectLeaseLostException if the claim is no longer held
	 */
	default void succeedInLocalTransaction(String effectId, long fencingToken, @Nullable String resultJson) {
		succeed(effectId, fencingToken, resultJson);
	}

	/**
	 * Marks a claimed effect FAILED.
	 * @param effectId the effect id
	 * @param fencingToken the claim's token
	 * @param error the error to replay
	 * @throws EffectLeaseLostException if the claim is no longer held
	 */
	void fail(String effectId, long fencingToken, String error);

	/**
	 * Parks a claimed effect as UNKNOWN (a reconciler could not tell whether it
	 * happened).
	 * @param effectId the effect id
	 * @param fencingToken the claim's token
	 * @param reason why the outcome is unknown
	 * @throws EffectLeaseLostException if the claim is no longer held
	 */
	void markUnknown(String effectId, long fencingToken, String reason);

	/**
	 * Extends a held claim's lease to {@code lease} from now (database clock), for
	 * effects that run long.
	 * @param effectId the effect id
	 * @param fencingToken the claim's token
	 * @param lease the new lease, from now
	 * @return whether the claim was still held
	 */
	boolean renew(String effectId, long fencingToken, Duration lease);

	/**
	 * Releases a claim so that the next attempt runs the effect again.
	 * @param effectId the effect id
	 * @param fencingToken the claim's token
	 * @return whether the claim was still held
	 */
	boolean release(String effectId, long fencingToken);

	/**
	 * @param effectId the effect id
	 * @return the row, if any
	 */
	Optional<EffectRecord> find(String effectId);

	/**
	 * @param status the status
	 * @param limit max rows
	 * @return rows with the status, oldest first
	 */
	List<EffectRecord> findByStatus(EffectStatus status, int limit);

	/**
	 * Operator action: frees a CLAIMED or UNKNOWN effect so it runs again.
	 * @param effectId the effect id
	 * @return whether a row changed
	 */
	boolean forceRelease(String effectId);

	/**
	 * Operator action: resolves a CLAIMED or UNKNOWN effect as SUCCEEDED with a result.
	 * @param effectId the effect id
	 * @param resultJson the result JSON
	 * @return whether a row changed
	 */
	boolean resolveSucceeded(String effectId, @Nullable String resultJson);

	/**
	 * Deletes SUCCEEDED and FAILED rows last updated before {@code ttl} ago.
	 * @param ttl the retention
	 * @param batchSize rows per batch
	 * @return the number deleted
	 */
	int deleteCompletedOlderThan(Duration ttl, int batchSize);

	/**
	 * Moves SUCCEEDED and FAILED rows last updated before {@code ttl} ago into the
	 * archive table, batch by batch: each batch is copied and deleted in one transaction,
	 * so a row is never lost nor archived twice. Like a deleted row, an archived row no
	 * longer deduplicates.
	 * @param ttl the retention
	 * @param batchSize rows per batch
	 * @return the number archived
	 * @throws UnsupportedOperationException if the store has no archive
	 */
	default int archiveCompletedOlderThan(Duration ttl, int batchSize) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot archive finished effects");
	}

	/**
	 * Ends a live claim's lease now (database clock), as if its holder had died a lease
	 * ago, so that the next attempt applies the effect's {@link ExpiredClaimPolicy}. For
	 * crash tests ({@link io.driftq.idempotent.test.EffectCrashPoints}).
	 * @param effectId the effect id
	 * @return whether a CLAIMED row with a lease was found
	 * @throws UnsupportedOperationException if the store cannot
	 */
	default boolean expireLease(String effectId) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot expire leases");
	}

	/**
	 * Describes what the running local transaction touched outside the store's own
	 * connection: other {@code DataSource}s (or JPA {@code EntityManagerFactory}s) with
	 * resources bound to the transaction. Their writes do not commit with the effect's
	 * marker. Called by the template inside {@link #inLocalTransaction}.
	 * @return descriptions of the foreign resources, empty when there are none
	 */
	default List<String> foreignTransactionResources() {
		return List.of();
	}

	/**
	 * Runs work in one transaction on the store's own connection, so that the effect's
	 * writes and {@link #succeed} commit or roll back together (local mode).
	 * @param <T> the result type
	 * @param work the work
	 * @return its result
	 */
	<T> T inLocalTransaction(java.util.function.Supplier<T> work);

	/**
	 * The outcome of a claim.
	 *
	 * @param kind what happened
	 * @param record the row as seen (for non-acquired outcomes) or {@code null}
	 * @param fencingToken the token held when acquired
	 * @param attempt the attempt number when acquired
	 */
	record ClaimResult(Kind kind, @Nullable EffectRecord record, long fencingToken, int attempt) {

		/** Claim outcome kinds. */
		public enum Kind {

			/** First claim. */
			ACQUIRED,
			/** A released claim was taken again; the effect did not happen before. */
			REACQUIRED,
			/** An expired claim was taken over; the effect may have happened. */
			TAKEN_OVER,
			/** The effect succeeded earlier. */
			SUCCEEDED,
			/** The effect failed terminally earlier. */
			FAILED,
			/** Another attempt holds a live claim. */
			IN_PROGRESS,
			/** The outcome is unknown (already, or just marked so). */
			UNKNOWN,
			/** The key exists with another payload hash. */
			PAYLOAD_MISMATCH

		}

		public boolean acquired() {
			return this.kind == Kind.ACQUIRED || this.kind == Kind.REACQUIRED || this.kind == Kind.TAKEN_OVER;
		}

	}

}
