package io.driftq.idempotent.autoconfigure;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.driftq.idempotent.EffectMetrics;
import io.driftq.idempotent.EffectStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Periodically deletes SUCCEEDED and FAILED effects older than the retention TTL, in batches.
 * CLAIMED and UNKNOWN effects are never deleted.
 */
public class EffectRetentionReaper implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(EffectRetentionReaper.class);

	private final EffectStore store;

	private final Duration ttl;

	private final Duration interval;

	private final int batchSize;

	private volatile ScheduledExecutorService executor;

	private final EffectMetrics metrics;

	public EffectRetentionReaper(EffectStore store, Duration ttl, Duration interval, int batchSize) {
		this(store, ttl, interval, batchSize, EffectMetrics.NONE);
	}

	public EffectRetentionReaper(EffectStore store, Duration ttl, Duration interval, int batchSize,
			EffectMetrics metrics) {
		this.store = store;
		this.ttl = ttl;
		this.interval = interval;
		this.batchSize = batchSize;
		this.metrics = (metrics != null) ? metrics : EffectMetrics.NONE;
	}

	/**
	 * Runs one pass.
	 * @return rows deleted
	 */
	public int reap() {
		int reaped = this.store.deleteCompletedOlderThan(this.ttl, this.batchSize);
		this.metrics.reaped(reaped);
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
