package io.driftq.idempotent.test;

import io.driftq.idempotent.EffectCheckpoint;
import io.driftq.idempotent.EffectKey;

/**
 * Thrown by {@link EffectCrashPoints} where the process would have died. An {@link Error}, so that application code
 * catching {@code Exception} does not swallow it; the effect template does no bookkeeping for it.
 */
public class SimulatedCrash extends Error {

	private final EffectCheckpoint.Point point;

	private final String effectId;

	public SimulatedCrash(EffectCheckpoint.Point point, EffectKey key) {
		super("Simulated crash " + point + " of effect '" + key.effectId() + "'");
		this.point = point;
		this.effectId = key.effectId();
	}

	/**
	 * @return where the process "died"
	 */
	public EffectCheckpoint.Point getPoint() {
		return this.point;
	}

	/**
	 * @return the effect it died in
	 */
	public String getEffectId() {
		return this.effectId;
	}

}
