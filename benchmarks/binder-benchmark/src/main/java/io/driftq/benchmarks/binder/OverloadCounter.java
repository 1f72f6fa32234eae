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

package io.driftq.benchmarks.binder;

import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * Counts produce retries after a 429 ({@code partition_buffer_full}).
 * {@code DriftqClient} retries them itself and only logs each at DEBUG, so this appender
 * (wired to that logger in {@code logback.xml}) is how the benchmark sees them, for the
 * raw client and the binder's client alike.
 */
public final class OverloadCounter extends AppenderBase<ILoggingEvent> {

	private static final AtomicLong COUNT = new AtomicLong();

	static long count() {
		return COUNT.get();
	}

	@Override
	protected void append(ILoggingEvent event) {
		String message = event.getMessage();
		if (message != null && message.contains("answered 429")) {
			COUNT.incrementAndGet();
		}
	}

}
