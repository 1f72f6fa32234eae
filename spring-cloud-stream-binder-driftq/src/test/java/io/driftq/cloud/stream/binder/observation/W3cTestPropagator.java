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

package io.driftq.cloud.stream.binder.observation;

import java.util.List;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Test support: W3C {@code traceparent} (and a fixed {@code tracestate}) for Micrometer's
 * {@code SimpleTracer}, which ships no propagator; an application gets W3C propagation
 * from its tracer bridge (Brave or OpenTelemetry).
 */
public final class W3cTestPropagator implements Propagator {

	static final String TRACEPARENT = "traceparent";

	static final String TRACESTATE = "tracestate";

	private final Tracer tracer;

	public W3cTestPropagator(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public List<String> fields() {
		return List.of(TRACEPARENT, TRACESTATE);
	}

	@Override
	public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
		setter.set(carrier, TRACEPARENT, "00-" + context.traceId() + "-" + context.spanId() + "-01");
		setter.set(carrier, TRACESTATE, "driftq=test");
	}

	@Override
	public <C> Span.Builder extract(C carrier, Getter<C> getter) {
		String traceparent = getter.get(carrier, TRACEPARENT);
		String[] parts = (traceparent != null) ? traceparent.split("-") : new String[0];
		if (parts.length != 4) {
			return this.tracer.spanBuilder();
		}
		TraceContext parent = this.tracer.traceContextBuilder()
			.traceId(parts[1])
			.spanId(parts[2])
			.sampled(true)
			.build();
		return this.tracer.spanBuilder().setParent(parent);
	}

}
