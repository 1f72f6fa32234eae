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

package io.driftq.cloud.stream.binder.config;

import io.driftq.client.DriftqRequestCustomizer;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Puts the current trace context (W3C {@code traceparent}, {@code tracestate}, baggage:
 * whatever the application's {@link Propagator} writes) on each HTTP request of the
 * binder's DriftQ client. The tracer and propagator are looked up on first use, so the
 * binder works, without the headers, where the application has none.
 */
final class DriftqTraceContextRequestCustomizer implements DriftqRequestCustomizer {

	private final ObjectProvider<Tracer> tracer;

	private final ObjectProvider<Propagator> propagator;

	DriftqTraceContextRequestCustomizer(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	@Override
	public void customize(Request request) {
		Tracer tracer = this.tracer.getIfAvailable();
		Propagator propagator = this.propagator.getIfAvailable();
		if (tracer == null || propagator == null) {
			return;
		}
		TraceContext context = tracer.currentTraceContext().context();
		if (context != null) {
			propagator.inject(context, request, (carrier, name, value) -> {
				if (carrier != null) {
					carrier.setHeader(name, value);
				}
			});
		}
	}

}
