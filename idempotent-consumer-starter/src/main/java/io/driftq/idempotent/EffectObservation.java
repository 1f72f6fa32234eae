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

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The {@code driftq.effect} observation of one effect call (a tracing span with the
 * {@code effect.id}, a timer by step and outcome), and the outcome it ends with, most of
 * which are also counted as {@link EffectMetrics} events.
 */
final class EffectObservation {

	private final Observation observation;

	private final EffectMetrics metrics;

	private final String step;

	/**
	 * Creates the observation, not started yet.
	 * @param registry the observation registry
	 * @param metrics the metrics that outcomes are counted in
	 * @param key the effect's key
	 * @param idempotencyKey the downstream idempotency key to add, or {@code null} to
	 * leave it out
	 */
	EffectObservation(ObservationRegistry registry, EffectMetrics metrics, EffectKey key,
			@Nullable String idempotencyKey) {
		// one observation per call, a child of the current one (the binder's consumer
		// observation): a span (with
		// micrometer-tracing) carrying effect.id, and a timer by step/outcome
		this.observation = Observation.createNotStarted("driftq.effect", registry)
			.contextualName("effect " + key.stepId())
			.lowCardinalityKeyValue("step", key.stepId())
			.lowCardinalityKeyValue("outcome", "error")
			.highCardinalityKeyValue("effect.id", key.effectId());
		if (idempotencyKey != null) {
			this.observation.highCardinalityKeyValue("effect.idempotency_key", idempotencyKey);
		}
		this.metrics = metrics;
		this.step = key.stepId();
	}

	/**
	 * Runs the call inside the started observation, in its scope; what the call throws is
	 * recorded as the error, and what a checkpoint threw is unwrapped first.
	 * @param <T> the result type
	 * @param call the call
	 * @return what the call returned
	 * @throws Throwable what the call threw
	 */
	<T> T observe(ObservedCall<T> call) throws Throwable {
		this.observation.start();
		try (Observation.Scope scope = this.observation.openScope()) {
			return call.call();
		}
		catch (CheckpointStop stop) {
			this.observation.error(stop.getCause());
			throw stop.getCause();
		}
		catch (Throwable ex) {
			this.observation.error(ex);
			throw ex;
		}
		finally {
			this.observation.stop();
		}
	}

	/**
	 * Sets the outcome and counts it as a metrics event.
	 * @param event the outcome, also the event name
	 */
	void outcome(String event) {
		this.observation.lowCardinalityKeyValue("outcome", event);
		this.metrics.record(event, this.step);
	}

	/**
	 * Sets the outcome only, for outcomes that are counted elsewhere or not at all.
	 * @param outcome the outcome
	 */
	void tag(String outcome) {
		this.observation.lowCardinalityKeyValue("outcome", outcome);
	}

	/**
	 * A call to observe.
	 *
	 * @param <T> the result type
	 */
	@FunctionalInterface
	interface ObservedCall<T> {

		T call() throws Throwable;

	}

}
