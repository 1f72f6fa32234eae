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

import org.jspecify.annotations.Nullable;

/**
 * The verdict of an {@link EffectReconciler}.
 */
public final class Reconciliation {

	/** What the reconciler found. */
	public enum Verdict {

		/**
		 * The effect happened: its result is stored as SUCCEEDED and returned, the effect
		 * is not run again.
		 */
		HAPPENED,
		/** The effect did not happen: it runs now, with the same downstream key. */
		NOT_HAPPENED,
		/** Nobody can tell: the effect is parked as UNKNOWN for an operator. */
		UNKNOWN

	}

	private static final Reconciliation NOT_HAPPENED = new Reconciliation(Verdict.NOT_HAPPENED, null, null);

	private final Verdict verdict;

	private final @Nullable Object result;

	private final @Nullable String reason;

	private Reconciliation(Verdict verdict, @Nullable Object result, @Nullable String reason) {
		this.verdict = verdict;
		this.result = result;
		this.reason = reason;
	}

	/**
	 * @param result the effect's result, as the method would have returned it (stored as
	 * JSON)
	 * @return the verdict "it happened"
	 */
	public static Reconciliation happened(@Nullable Object result) {
		return new Reconciliation(Verdict.HAPPENED, result, null);
	}

	/**
	 * @return the verdict "it did not happen, run it"
	 */
	public static Reconciliation notHappened() {
		return NOT_HAPPENED;
	}

	/**
	 * @param reason why it cannot be told (stored on the row)
	 * @return the verdict "unknown, park it"
	 */
	public static Reconciliation unknown(String reason) {
		return new Reconciliation(Verdict.UNKNOWN, null, reason);
	}

	public Verdict verdict() {
		return this.verdict;
	}

	public @Nullable Object result() {
		return this.result;
	}

	public @Nullable String reason() {
		return this.reason;
	}

}
