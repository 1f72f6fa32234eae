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

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.log.LogMessage;

/**
 * Keeps the claim of a running external effect alive: every third of its lease the lease
 * is extended on the database clock, so an effect that runs longer than its lease is not
 * taken over while it is still working. A process that dies stops renewing and its claim
 * lapses as usual. Renewal stops after {@code maxDuration}, so an effect that hangs
 * forever cannot hold its key forever either.
 * <p>
 * Starting and stopping a renewal only adds and removes the claim from a set: one
 * periodic sweep (every sixth of the shortest lease seen) renews the claims that are due.
 * Scheduling a task per effect instead woke the scheduler thread on every effect, which
 * cost 10-20 µs per effect on a busy two-core machine, though most effects end long
 * before their first renewal.
 */
public final class LeaseRenewal implements AutoCloseable {

	/** No renewal: a claim lives exactly its lease. */
	public static final LeaseRenewal DISABLED = new LeaseRenewal(null, Duration.ZERO);

	private static final Log logger = LogFactory.getLog(LeaseRenewal.class);

	private final @Nullable ScheduledThreadPoolExecutor scheduler;

	private final Duration maxDuration;

	private final Set<Claim> running = ConcurrentHashMap.newKeySet();

	/**
	 * The sweep's period in nanoseconds, {@code Long.MAX_VALUE} until the first renewal
	 * starts.
	 */
	private volatile long sweepNanos = Long.MAX_VALUE;

	private @Nullable ScheduledFuture<?> sweep;

	private LeaseRenewal(@Nullable ScheduledThreadPoolExecutor scheduler, Duration maxDuration) {
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
		// the sweep is rescheduled when a shorter lease appears: the replaced task must
		// not stay queued
		scheduler.setRemoveOnCancelPolicy(true);
		return new LeaseRenewal(scheduler, maxDuration);
	}

	/**
	 * @return tasks queued on the scheduler: at most the sweep, however many effects ran
	 */
	int queuedTasks() {
		return (this.scheduler != null) ? this.scheduler.getQueue().size() : 0;
	}

	/**
	 * @return claims being renewed (effects still running)
	 */
	int activeRenewals() {
		return this.running.size();
	}

	Renewing start(EffectStore store, String effectId, long fencingToken, Duration lease, Runnable onLost,
			Runnable onFailed) {
		if (this.scheduler == null || lease.toMillis() < 3) {
			return Renewing.NONE;
		}
		long period = TimeUnit.MILLISECONDS.toNanos(Math.max(1, lease.toMillis() / 3));
		long now = System.nanoTime();
		Claim claim = new Claim(store, effectId, fencingToken, lease, onLost, onFailed, period, now + period,
				now + this.maxDuration.toNanos());
		this.running.add(claim);
		sweepAtLeastEvery(Math.max(1, period / 2));
		return () -> this.running.remove(claim);
	}

	/**
	 * A claim is renewed between half a period and a period late, i.e. with at least 1.5
	 * periods of lease left.
	 */
	private void sweepAtLeastEvery(long nanos) {
		if (nanos >= this.sweepNanos) {
			return; // the common case: one volatile read
		}
		ScheduledThreadPoolExecutor scheduler = this.scheduler;
		if (scheduler == null) {
			return;
		}
		synchronized (this) {
			if (nanos < this.sweepNanos && !scheduler.isShutdown()) {
				ScheduledFuture<?> previous = this.sweep;
				if (previous != null) {
					previous.cancel(false);
				}
				this.sweep = scheduler.scheduleWithFixedDelay(this::renewDue, nanos, nanos, TimeUnit.NANOSECONDS);
				this.sweepNanos = nanos;
			}
		}
	}

	private void renewDue() {
		for (Claim claim : this.running) {
			long now = System.nanoTime();
			if (now - claim.stopAt > 0) {
				logger.warn(LogMessage.format("Effect '%s' still running after %s; no longer renewing its lease",
						claim.effectId, this.maxDuration));
				this.running.remove(claim);
			}
			else if (now - claim.due >= 0) {
				renew(claim, now);
			}
		}
	}

	private void renew(Claim claim, long now) {
		try {
			boolean renewed = claim.store.renew(claim.effectId, claim.fencingToken, claim.lease);
			claim.due = now + claim.period;
			// not renewed because the effect ended meanwhile (stop() comes before the
			// completion) is no loss
			if (!renewed && this.running.remove(claim)) {
				// taken over or resolved: completion will be rejected with
				// EffectLeaseLostException
				logger.warn(LogMessage.format("Effect '%s' lost its claim while running (fencing token %s)",
						claim.effectId, claim.fencingToken));
				notify(claim.onLost);
			}
		}
		catch (RuntimeException ex) {
			// due again at the next sweep; the lease still runs for at least one more
			// period
			logger.warn(
					LogMessage.format("Could not renew the lease of effect '%s': %s", claim.effectId, ex.getMessage()));
			notify(claim.onFailed);
		}
	}

	/**
	 * Calls a listener (metrics); what it throws must not end the periodic sweep, which
	 * would stop for good.
	 */
	private static void notify(Runnable listener) {
		try {
			listener.run();
		}
		catch (RuntimeException ex) {
			logger.warn(LogMessage.format("Lease renewal listener failed: %s", ex.toString()));
		}
	}

	@Override
	public void close() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
	}

	/** One running effect's claim; {@code due} is only touched by the sweep thread. */
	private static final class Claim {

		final EffectStore store;

		final String effectId;

		final long fencingToken;

		final Duration lease;

		final Runnable onLost;

		final Runnable onFailed;

		final long period;

		final long stopAt;

		long due;

		Claim(EffectStore store, String effectId, long fencingToken, Duration lease, Runnable onLost, Runnable onFailed,
				long period, long due, long stopAt) {
			this.store = store;
			this.effectId = effectId;
			this.fencingToken = fencingToken;
			this.lease = lease;
			this.onLost = onLost;
			this.onFailed = onFailed;
			this.period = period;
			this.due = due;
			this.stopAt = stopAt;
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
