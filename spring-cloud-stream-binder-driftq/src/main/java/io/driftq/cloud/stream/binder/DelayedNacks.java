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

package io.driftq.cloud.stream.binder;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;

/**
 * The broker nacks of one binding's failed messages, each sent after a delay that follows
 * the binding's back-off for the message's delivery count, on a timer thread so that the
 * workers go on with other messages meanwhile. DriftQ redelivers a nacked message at once
 * (it ignores the retry policy's backoff on nack), so this delay is what spaces broker
 * redeliveries out. Until its nack runs the message stays unsettled, so it keeps holding
 * back the acks of higher offsets of its partition (see {@link PartitionAckSequencer}).
 */
final class DelayedNacks {

	private final String threadName;

	/**
	 * Guarded by {@code this}; created on first use, shut down by
	 * {@link #runPendingNow()}.
	 */
	private @Nullable ScheduledExecutorService scheduler;

	/**
	 * Nacks scheduled and not run yet. Kept here because the tasks {@code shutdownNow()}
	 * returns are the executor's wrappers, which cancel themselves instead of running
	 * once the executor is shut down.
	 */
	private final java.util.Set<Once> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();

	DelayedNacks(String threadName) {
		this.threadName = threadName;
	}

	/**
	 * The delay before the broker nack of a message delivered {@code attempts} times:
	 * back-off-initial-interval × back-off-multiplier^(attempts − 1), at most
	 * back-off-max-interval, at most {@code nack-delay}, and at most half the lease (a
	 * nack sent after the lease lapsed would be refused: the message went elsewhere).
	 * @param properties the binding's consumer properties
	 * @param attempts the message's {@code driftq_attempts} (1 on a first delivery)
	 * @return the delay in milliseconds, 0 for none
	 */
	static long delayMillis(ExtendedConsumerProperties<DriftqConsumerProperties> properties, int attempts) {
		Duration cap = properties.getExtension().getNackDelay();
		if (cap == null || cap.isZero() || cap.isNegative()) {
			return 0;
		}
		double delay = properties.getBackOffInitialInterval()
				* Math.pow(Math.max(1.0, properties.getBackOffMultiplier()), Math.max(0, attempts - 1));
		delay = Math.min(delay, properties.getBackOffMaxInterval());
		delay = Math.min(delay, cap.toMillis());
		delay = Math.min(delay, properties.getExtension().getLease().toMillis() / 2.0);
		return Math.max(0, (long) delay);
	}

	/**
	 * Run {@code nack} after {@code delayMillis}, or at once if the delay is 0.
	 * @param nack the nack
	 * @param delayMillis the delay
	 */
	void schedule(Runnable nack, long delayMillis) {
		if (delayMillis > 0) {
			synchronized (this) {
				if (this.scheduler == null) {
					this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
						Thread thread = new Thread(task, this.threadName);
						thread.setDaemon(true);
						return thread;
					});
				}
				Once once = new Once(nack);
				this.pending.add(once);
				this.scheduler.schedule(once, delayMillis, TimeUnit.MILLISECONDS);
				return;
			}
		}
		nack.run();
	}

	/**
	 * The binding stops: nacks still waiting for their delay run now rather than leaving
	 * their messages to the lease.
	 */
	void runPendingNow() {
		synchronized (this) {
			if (this.scheduler == null) {
				return;
			}
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
		List.copyOf(this.pending).forEach(Once::run);
	}

	/**
	 * A nack that runs at most once, whether from the timer or from
	 * {@link #runPendingNow()}.
	 */
	private final class Once implements Runnable {

		private final Runnable nack;

		private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

		Once(Runnable nack) {
			this.nack = nack;
		}

		@Override
		public void run() {
			if (this.done.compareAndSet(false, true)) {
				DelayedNacks.this.pending.remove(this);
				this.nack.run();
			}
		}

	}

}
