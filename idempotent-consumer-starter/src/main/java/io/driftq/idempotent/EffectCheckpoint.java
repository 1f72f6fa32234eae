package io.driftq.idempotent;

/**
 * Called at the points where a process can die in the middle of an effect. Tests use it to inject crashes
 * ({@link io.driftq.idempotent.test.EffectCrashPoints}); applications need none.
 *
 * <p>Whatever {@link #reached} throws propagates to the caller with no bookkeeping, as if the process had died
 * there: the claim is neither released nor failed, its lease renewal stops, and a local effect's transaction
 * rolls back. The next delivery then finds what a real crash would leave.
 */
@FunctionalInterface
public interface EffectCheckpoint {

	/** No checkpoint. */
	EffectCheckpoint NONE = (point, key) -> {
	};

	/**
	 * An effect reached a point.
	 * @param point the point
	 * @param key the effect's key
	 */
	void reached(Point point, EffectKey key);

	/**
	 * Where an effect can be interrupted.
	 */
	enum Point {

		/** The claim is held; the effect has not run. */
		AFTER_CLAIM,

		/** The effect ran; its completion is not stored (in local mode: not committed). */
		AFTER_EFFECT,

		/** The completion is stored; the caller has not seen the result (e.g. the message is not acknowledged). */
		AFTER_COMPLETION

	}

}
