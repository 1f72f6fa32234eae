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

package io.driftq.demo.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The trace id of the calling thread's current span (Micrometer Tracing), for a run's
 * events ({@value #FIELD}) and its run table row. {@code null} when there is no tracer or
 * no current span. The API's request threads have one (Boot's HTTP server observation),
 * and so has the worker's handler (Spring Cloud Function's observation of each call): in
 * its own new trace by default, in the API's trace with the {@code tracing} profile (the
 * binder's consumer observation reads the context from the command's embedded headers).
 * Read it on the thread that has the span: the worker's event senders have none.
 * <p>
 * Not a {@code Supplier}: Spring Cloud Stream would bind a {@code Supplier} bean as a
 * source and poll it.
 */
@Component
public final class TraceIds {

	/**
	 * The event field, extra to the Python starter's event shapes (its readers ignore
	 * unknown fields).
	 */
	public static final String FIELD = "trace_id";

	/** No tracing at all (unit tests). */
	public static final TraceIds NONE = new TraceIds(() -> null);

	private final Supplier<Tracer> tracer;

	/**
	 * The tracer is looked up once, on first use: a bean lookup per event showed in the
	 * worker's profile.
	 * @param tracer the tracer, if there is one
	 */
	@Autowired
	public TraceIds(ObjectProvider<Tracer> tracer) {
		this(SingletonSupplier.of(tracer::getIfAvailable));
	}

	private TraceIds(Supplier<Tracer> tracer) {
		this.tracer = tracer;
	}

	/**
	 * The trace ids of a given tracer.
	 * @param tracer the tracer
	 * @return its current trace ids
	 */
	public static TraceIds of(Tracer tracer) {
		return new TraceIds(() -> tracer);
	}

	/**
	 * The current trace id.
	 * @return the id (32 lower-case hex digits with Brave's default 128-bit ids), or
	 * {@code null}
	 */
	public String current() {
		Tracer current = this.tracer.get();
		if (current == null) {
			return null;
		}
		Span span = current.currentSpan();
		return (span != null) ? span.context().traceId() : null;
	}

	/**
	 * The event with the current trace id, unless it has one already or there is none.
	 * @param event the event
	 * @return {@code event} itself, or a copy with {@value #FIELD} at the end
	 */
	public Map<String, Object> stamp(Map<String, Object> event) {
		if (event.containsKey(FIELD)) {
			return event;
		}
		String traceId = current();
		if (traceId == null) {
			return event;
		}
		Map<String, Object> stamped = new LinkedHashMap<>(event);
		stamped.put(FIELD, traceId);
		return stamped;
	}

}
