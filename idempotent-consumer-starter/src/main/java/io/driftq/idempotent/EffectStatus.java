package io.driftq.idempotent;

/**
 * The state of an effect row.
 */
public enum EffectStatus {

	/** Claimed by an attempt holding the current fencing token until the lease ends. */
	CLAIMED,

	/** Completed; the result is stored and replayed. */
	SUCCEEDED,

	/** Terminal failure; the error is replayed. */
	FAILED,

	/** The outcome cannot be known (expired claim under {@link ExpiredClaimPolicy#MARK_UNKNOWN}). */
	UNKNOWN

}
