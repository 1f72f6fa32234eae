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

package io.driftq.idempotent.autoconfigure;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.driftq.idempotent.EffectMetrics;
import io.driftq.idempotent.EffectStore;
import io.driftq.idempotent.autoconfigure.EffectRetentionProperties.CompletionMode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Periodically deletes, or archives, SUCCEEDED and FAILED effects older than the
 * retention TTL, in batches. CLAIMED and UNKNOWN effects are never touched.
 */
public class EffectRetentionReaper implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(EffectRetentionReaper.class);

	private final EffectStore store;

	private final Duration ttl;

	private final Duration interval;

	private final int batchSize;

	private volatile @Nullable ScheduledExecutorService executor;

	private final EffectMetrics metrics;

	private final CompletionMode mode;

	public EffectRetentionReaper(EffectStore store, Duration ttl, Duration interval, int batchSize) {
		this(store, ttl, interval, batchSize, EffectMetrics.NONE);
	}

	public EffectRetentionReaper(EffectStore store, Duration ttl, Duration interval, int batchSize,
			EffectMetrics metrics) {
		this(store, ttl, interval, batchSize, metrics, CompletionMode.DELETE);
	}

	public EffectRetentionReaper(EffectStore store, Duration ttl, Duration interval, int batchSize,
			EffectMetrics metrics, CompletionMode mode) {
		this.store = store;
		this.ttl = ttl;
		this.interval = interval;
		this.batchSize = batchSize;
		this.metrics = (metrics != null) ? metrics : EffectMetrics.NONE;
		this.mode = (mode != null) ? mode : CompletionMode.DELETE;
	}

	/**
	 * @return whether expired rows are deleted or archived
	 */
	public CompletionMode getMode() {
		return this.mode;
	}

	/**
	 * Runs one pass.
	 * @return rows deleted or archived
	 */
	public int reap() {
		int reaped = (this.mode == CompletionMode.ARCHIVE)
				? this.store.archiveCompletedOlderThan(this.ttl, this.batchSize)
				: this.store.deleteCompletedOlderThan(this.ttl, this.batchSize);
		this.metrics.reaped(reaped, this.mode.name().toLowerCase(Locale.ROOT));
		return reaped;
	}

	@Override
	public void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "driftq-effects-reaper");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		this.executor.scheduleWithFixedDelay(() -> {
			try {
				reap();
			}
			catch (RuntimeException ex) {
				logger.warn("Effect retention pass failed", ex);
			}
		}, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService current = this.executor;
		if (current != null) {
			current.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
