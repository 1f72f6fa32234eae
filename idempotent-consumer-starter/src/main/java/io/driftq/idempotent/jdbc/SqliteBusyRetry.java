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

package io.driftq.idempotent.jdbc;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.log.LogMessage;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * Retries an effect store write that met {@code SQLITE_BUSY}/{@code SQLITE_LOCKED}
 * ({@link SqliteBusy}) a few times (50 ms backoff, doubling, at most 800 ms), and counts
 * the retries.
 */
final class SqliteBusyRetry {

	// the store's category: the retries are its behaviour, configured where users look
	// for it
	private static final Log logger = LogFactory.getLog(JdbcEffectStore.class);

	private final RetryTemplate retryTemplate;

	private final AtomicLong retries = new AtomicLong();

	SqliteBusyRetry(int maxRetries) {
		this.retryTemplate = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(maxRetries)
			.delay(Duration.ofMillis(50))
			.multiplier(2)
			.maxDelay(Duration.ofMillis(800))
			.predicate((ex) -> !(ex instanceof IllegalStateException) && SqliteBusy.isBusy(ex))
			.build());
		this.retryTemplate.setRetryListener(new RetryListener() {
			@Override
			public void beforeRetry(RetryPolicy policy, Retryable<?> retryable) {
				long retries = SqliteBusyRetry.this.retries.incrementAndGet();
				logger.debug(LogMessage
					.format("SQLite was busy for an effect store write; retrying it (%s retries so far)", retries));
			}
		});
	}

	<T> T invoke(Supplier<T> write) {
		return this.retryTemplate.invoke(write);
	}

	long retries() {
		return this.retries.get();
	}

}
