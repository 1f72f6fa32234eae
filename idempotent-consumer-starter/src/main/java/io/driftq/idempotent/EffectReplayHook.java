package io.driftq.idempotent;

/**
 * Called when a duplicate gets the stored result of an effect that succeeded earlier (a replay), before the result is
 * returned; may return a replacement. The analogue of Powertools' {@code responseHook}: mark a replayed response
 * ("cached: true"), refresh a field that must not be stale, or log. Declare it as a bean; several run in
 * {@code @Order}, each getting the previous one's result.
 *
 * <p>It is not called when the effect runs, nor for replayed failures ({@link EffectFailedException}). What it
 * returns must be assignable to the call's result type.
 */
@FunctionalInterface
public interface EffectReplayHook {

	/**
	 * @param effect the effect's row, as read by the claim ({@code SUCCEEDED})
	 * @param result the stored result, deserialized to the call's result type ({@code null} if not stored)
	 * @return the result to return to the caller
	 */
	Object onReplay(EffectRecord effect, Object result);

}
