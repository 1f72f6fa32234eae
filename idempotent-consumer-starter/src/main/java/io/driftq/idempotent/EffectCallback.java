package io.driftq.idempotent;

/**
 * The side effect run by {@link EffectTemplate}.
 *
 * @param <T> the result type (stored as JSON and replayed to duplicates)
 */
@FunctionalInterface
public interface EffectCallback<T> {

	/**
	 * Performs the effect. Pass {@link EffectContext#idempotencyKey()} to the downstream system.
	 * @param context the effect context
	 * @return the result to store
	 * @throws Throwable on failure; classified by {@code noEffectOn} / {@code terminalOn}
	 */
	T doInEffect(EffectContext context) throws Throwable;

}
