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

package io.driftq.cloud.stream.binder.health;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * What this binder's bindings report about their progress, read by
 * {@link DriftqBinderHealthIndicator}: one {@link ConsumerState} per consumer binding
 * (topic and group) and one {@link ProducerState} per destination the binder sends to.
 * Consumers and producers write it on their hot paths (a few volatile writes), the health
 * indicator reads it; all methods are thread-safe.
 */
public final class DriftqBindingStates {

	private final Map<String, ConsumerState> consumers = new ConcurrentHashMap<>();

	private final Map<String, ProducerState> producers = new ConcurrentHashMap<>();

	private final LongSupplier nanoClock;

	public DriftqBindingStates() {
		this(System::nanoTime);
	}

	DriftqBindingStates(LongSupplier nanoClock) {
		this.nanoClock = nanoClock;
	}

	/**
	 * The state of the consumer binding of {@code topic} for {@code group}, created on
	 * first use.
	 */
	public ConsumerState consumer(String topic, String group) {
		return this.consumers.computeIfAbsent(topic + "\u0000" + group,
				(k) -> new ConsumerState(topic, group, this.nanoClock));
	}

	/**
	 * The state of the consumer binding of {@code topic} for {@code group}, created on
	 * first use, with the binding's name (may be {@code null}) for the health details.
	 */
	public ConsumerState consumer(String topic, String group, @Nullable String bindingName) {
		ConsumerState state = consumer(topic, group);
		if (bindingName != null) {
			state.bindingNames.add(bindingName);
		}
		return state;
	}

	/** The state of the producer side of {@code topic}, created on first use. */
	public ProducerState producer(String topic) {
		return this.producers.computeIfAbsent(topic, (k) -> new ProducerState(topic, this.nanoClock));
	}

	/**
	 * The state of the producer side of {@code topic}, created on first use, with the
	 * name (may be {@code null}) of a binding that sends there.
	 */
	public ProducerState producer(String topic, @Nullable String bindingName) {
		ProducerState state = producer(topic);
		if (bindingName != null) {
			state.bindingNames.add(bindingName);
		}
		return state;
	}

	public Collection<ConsumerState> consumers() {
		return List.copyOf(this.consumers.values());
	}

	public Collection<ProducerState> producers() {
		return List.copyOf(this.producers.values());
	}

	/**
	 * Progress of one consumer binding: how many messages it holds unsettled (received
	 * from DriftQ and not yet acked, nacked or dead-lettered, including those read ahead
	 * or held back), when it last settled one, and whether its dead-letter target last
	 * refused a record.
	 */
	public static final class ConsumerState {

		private final String topic;

		private final String group;

		private final LongSupplier nanoClock;

		private final AtomicInteger unsettled = new AtomicInteger();

		private final java.util.Set<String> bindingNames = ConcurrentHashMap.newKeySet();

		private volatile long lastProgressNanos;

		private volatile @Nullable String deadLetterRefusal;

		private volatile long deadLetterRefusedNanos;

		ConsumerState(String topic, String group, LongSupplier nanoClock) {
			this.topic = topic;
			this.group = group;
			this.nanoClock = nanoClock;
			this.lastProgressNanos = nanoClock.getAsLong();
		}

		/** A message arrived from DriftQ (buffered or handed to a worker). */
		public void received() {
			if (this.unsettled.getAndIncrement() == 0) {
				// idle until now: the wait for progress starts with this message
				this.lastProgressNanos = this.nanoClock.getAsLong();
			}
		}

		/** A message left this binding: acked, nacked, released or dead-lettered. */
		public void settled() {
			this.unsettled.updateAndGet((n) -> Math.max(0, n - 1));
			this.lastProgressNanos = this.nanoClock.getAsLong();
		}

		/** A dead-letter record was written: the target accepts records again. */
		public void deadLetterWritten() {
			this.deadLetterRefusal = null;
		}

		/**
		 * The dead-letter target refused a record (full, too large, missing,
		 * unreachable).
		 */
		public void deadLetterRefused(String reason) {
			this.deadLetterRefusal = reason;
			this.deadLetterRefusedNanos = this.nanoClock.getAsLong();
		}

		public String topic() {
			return this.topic;
		}

		public String group() {
			return this.group;
		}

		/**
		 * The names of the bindings reported with this state, sorted; empty when none was
		 * given.
		 */
		public java.util.SortedSet<String> bindingNames() {
			return new java.util.TreeSet<>(this.bindingNames);
		}

		/** Messages received and not yet settled. */
		public int unsettled() {
			return this.unsettled.get();
		}

		/**
		 * Time since the last settlement, or since the first unsettled message arrived
		 * after an idle spell.
		 */
		public Duration sinceProgress() {
			return Duration.ofNanos(this.nanoClock.getAsLong() - this.lastProgressNanos);
		}

		/**
		 * The reason of the last dead-letter refusal not followed by a written record, or
		 * {@code null}.
		 */
		public @Nullable String deadLetterRefusal() {
			return this.deadLetterRefusal;
		}

		public Duration sinceDeadLetterRefusal() {
			return Duration.ofNanos(this.nanoClock.getAsLong() - this.deadLetterRefusedNanos);
		}

	}

	/**
	 * Back-pressure on one destination: sends currently waiting for room, and the last
	 * send that gave up.
	 */
	public static final class ProducerState {

		private final String topic;

		private final LongSupplier nanoClock;

		private final AtomicInteger blocked = new AtomicInteger();

		private final java.util.Set<String> bindingNames = ConcurrentHashMap.newKeySet();

		private volatile long blockedSinceNanos;

		private volatile @Nullable String lastFailure;

		private volatile long lastFailureNanos;

		ProducerState(String topic, LongSupplier nanoClock) {
			this.topic = topic;
			this.nanoClock = nanoClock;
		}

		/** A send found the partition full and waits for room. */
		public void blocked() {
			if (this.blocked.getAndIncrement() == 0) {
				this.blockedSinceNanos = this.nanoClock.getAsLong();
			}
		}

		/** A send that was waiting went through or gave up. */
		public void unblocked() {
			this.blocked.updateAndGet((n) -> Math.max(0, n - 1));
		}

		/** A send gave up after waiting its bound. */
		public void overloadFailed(String reason) {
			this.lastFailure = reason;
			this.lastFailureNanos = this.nanoClock.getAsLong();
		}

		/**
		 * A send went through: a past overload failure no longer describes the
		 * destination.
		 */
		public void sent() {
			this.lastFailure = null;
		}

		public String topic() {
			return this.topic;
		}

		/**
		 * The names of the bindings sending to this topic, sorted; empty when none was
		 * given.
		 */
		public java.util.SortedSet<String> bindingNames() {
			return new java.util.TreeSet<>(this.bindingNames);
		}

		/** Sends waiting for room now. */
		public int blockedSends() {
			return this.blocked.get();
		}

		/** How long sends have been waiting without a pause (zero when none waits). */
		public Duration blockedFor() {
			return (this.blocked.get() == 0) ? Duration.ZERO
					: Duration.ofNanos(this.nanoClock.getAsLong() - this.blockedSinceNanos);
		}

		/**
		 * The reason of the last send that gave up, if no send went through since, else
		 * {@code null}.
		 */
		public @Nullable String lastFailure() {
			return this.lastFailure;
		}

		public Duration sinceLastFailure() {
			return Duration.ofNanos(this.nanoClock.getAsLong() - this.lastFailureNanos);
		}

	}

}
