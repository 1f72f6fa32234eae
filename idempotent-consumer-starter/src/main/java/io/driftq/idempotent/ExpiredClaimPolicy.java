package io.driftq.idempotent;

/**
 * What happens when a duplicate finds a CLAIMED effect whose lease expired.
 */
public enum ExpiredClaimPolicy {

	/** Take the claim over (new fencing token) and run the effect again with the same downstream key. */
	RERUN,

	/** Store UNKNOWN and throw {@link EffectOutcomeUnknownException}; an operator or reconciler decides. */
	MARK_UNKNOWN

}
