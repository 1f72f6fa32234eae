package io.driftq.idempotent;

/**
 * What happens when a duplicate finds a CLAIMED effect whose lease expired.
 */
public enum ExpiredClaimPolicy {

	/** Take the claim over (new fencing token) and run the effect again with the same downstream key. */
	RERUN,

	/** Store UNKNOWN and throw {@link EffectOutcomeUnknownException}; an operator or reconciler decides. */
	MARK_UNKNOWN,

	/**
	 * Take the claim over and ask the {@link EffectReconciler} bean that supports the step: the effect happened
	 * (store its result, do not run it), did not happen (run it, same downstream key), or is unknown (park it).
	 */
	RECONCILE

}
