package io.driftq.idempotent;

/**
 * Decides what happened to an effect whose claim expired without a recorded outcome, for effects with
 * {@link ExpiredClaimPolicy#RECONCILE}: typically by asking the downstream system about
 * {@link ExpiredEffect#idempotencyKey()} ("is there a charge with this key?").
 *
 * <p>Declare it as a Spring bean. It is called by the attempt that has just taken the expired claim over, so at
 * most one reconciliation of an effect runs at a time. If it throws, the claim stays until its lease expires and
 * the next attempt asks again.
 */
@FunctionalInterface
public interface EffectReconciler {

	/**
	 * Whether this reconciler handles the step (several reconcilers may each handle some steps).
	 * @param stepId the step id
	 * @return {@code true} by default
	 */
	default boolean supports(String stepId) {
		return true;
	}

	/**
	 * @param effect the expired effect
	 * @return the verdict
	 */
	Reconciliation reconcile(ExpiredEffect effect);

	/**
	 * An effect whose claim expired without an outcome.
	 *
	 * @param effectId the effect id
	 * @param runId the run id
	 * @param stepId the step id
	 * @param businessKey the business key
	 * @param idempotencyKey the downstream idempotency key every attempt was given
	 * @param attempts how many attempts claimed it so far, this one included
	 */
	record ExpiredEffect(String effectId, String runId, String stepId, String businessKey, String idempotencyKey,
			int attempts) {
	}

}
