package io.driftq.idempotent;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the claim of a running external effect alive: every third of its lease the lease is extended on the
 * database clock, so an effect that runs longer than its lease is not taken over while it is still working. A
 * process that dies stops renewing and its claim lapses as usual. Renewal stops after {@code maxDuration}, so an
 * effect that hangs forever cannot hold its key forever either.
 */
public final class LeaseRenewal implements AutoCloseable {

	/** No renewal: a claim lives exactly its lease. */
	public static final LeaseRenewal DISABLED = new LeaseRenewal(null, Duration.ZERO);

	private static final Logger logger = LoggerFactory.getLogger(LeaseRenewal.class);

	private final ScheduledThreadPoolExecutor scheduler;

	private final Duration maxDuration;

	private LeaseRenewal(ScheduledThreadPoolExecutor scheduler, Duration maxDuration) {
		this.scheduler = scheduler;
		this.maxDuration = maxDuration;
	}

	/**
	 * A renewal on one daemon thread.
	 * @param maxDuration how long one claim is renewed at most
	 * @return the renewal; close it when done
	 */
	public static LeaseRenewal create(Duration maxDuration) {
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "effect-lease-renewal");
			thread.setDaemon(true);
			return thread;
		});
		// every effect schedules a renewal and cancels it when done, mostly long before its first tick: without this a
		// cancelled task stays queued for a third of the lease, so the queue would grow with the throughput
		scheduler.setRemoveOnCancelPolicy(true);
		return new LeaseRenewal(scheduler, maxDuration);
	}

	/**
	 * @return renewal tasks still queued (running effects; cancelled ones are removed at once)
	 */
	int queuedTasks() {
		return (this.scheduler != null) ? this.scheduler.getQueue().size() : 0;
	}

	Renewing start(EffectStore store, String effectId, long fencingToken, Duration lease, Runnable onLost,
			Runnable onFailed) {
		if (this.scheduler == null || lease.toMillis() < 3) {
			return Renewing.NONE;
		}
		long period = Math.max(1, lease.toMillis() / 3);
		long stopAt = System.nanoTime() + this.maxDuration.toNanos();
		AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
		Runnable renew = () -> {
			if (System.nanoTime() - stopAt > 0) {
				logger.warn("Effect '{}' still running after {}; no longer renewing its lease", effectId, this.maxDuration);
				cancel(task);
				return;
			}
			try {
				if (!store.renew(effectId, fencingToken, lease)) {
					// taken over or resolved: completion will be rejected with EffectLeaseLostException
					logger.warn("Effect '{}' lost its claim while running (fencing token {})", effectId, fencingToken);
					notify(onLost);
					cancel(task);
				}
			}
			catch (RuntimeException ex) {
				// the next tick tries again; the lease still runs for two more periods
				logger.warn("Could not renew the lease of effect '{}': {}", effectId, ex.getMessage());
				notify(onFailed);
			}
		};
		task.set(this.scheduler.scheduleWithFixedDelay(renew, period, period, TimeUnit.MILLISECONDS));
		return () -> cancel(task);
	}

	/** Calls a listener (metrics); what it throws must not end the periodic renewal, which would stop for good. */
	private static void notify(Runnable listener) {
		try {
			listener.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Lease renewal listener failed: {}", ex.toString());
		}
	}

	private static void cancel(AtomicReference<ScheduledFuture<?>> task) {
		ScheduledFuture<?> future = task.get();
		if (future != null) {
			future.cancel(false);
		}
	}

	@Override
	public void close() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
	}

	/** A running renewal. */
	@FunctionalInterface
	interface Renewing {

		/** Nothing to stop. */
		Renewing NONE = () -> {
		};

		/** Stops renewing (the effect finished). */
		void stop();

	}

}
