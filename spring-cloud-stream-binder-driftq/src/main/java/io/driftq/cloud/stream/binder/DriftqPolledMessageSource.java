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
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.SubscriptionListener;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.cloud.stream.binder.observation.DriftqBinderObservations;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.context.Lifecycle;
import org.springframework.integration.endpoint.AbstractMessageSource;
import org.springframework.messaging.Message;

/**
 * The message source behind a polled consumer binding ({@code PollableMessageSource}).
 * One consume stream per binding, opened on the first {@link #receive()} with an owner
 * unique to this instance and closed on {@link #stop()}; {@link #receive()} waits at most
 * {@value #POLL_MILLIS} ms and returns {@code null} when nothing is available.
 * <p>
 * Every message carries the {@code driftq_*} headers of the push path and a
 * {@link DriftqAcknowledgmentCallback}. Spring Cloud Stream's
 * {@code DefaultPollableMessageSource} accepts after the handler returns unless the
 * application took over ({@code noAutoAck()}); a handler that still fails after the
 * in-process retries reaches the binder's polled error handler, which settles it by the
 * failure model (see {@link #failed}). A deferred message is handed out again by a later
 * poll after its wait, or re-published when the wait would outlast its lease. A message
 * never settled comes back after its lease.
 * <p>
 * With {@code enable-observation}, every delivery handed out is a {@code driftq.consumer}
 * observation from {@link #receive()} to its settlement (see
 * {@link PolledDeliveryObservations}).
 */
final class DriftqPolledMessageSource extends AbstractMessageSource<byte[]>
		implements Lifecycle, DriftqAcknowledgmentCallback.FailureHandler {

	private static final Log logger = LogFactory.getLog(DriftqPolledMessageSource.class);

	static final long POLL_MILLIS = 100;

	private static final Duration POLL = Duration.ofMillis(POLL_MILLIS);

	/** Nack reason of a message the application requeued. */
	static final String REQUEUED = DriftqConsumerSettlement.REQUEUED;

	private final DriftqConsumerBinding binding;

	private final String owner;

	private final ExtendedConsumerProperties<DriftqConsumerProperties> properties;

	private final DriftqConsumerSettlement settlement;

	private final DriftqHeaderMapper headerMapper;

	private final Object lock = new Object();

	private volatile boolean running;

	/** Guarded by {@link #lock}; opened on the first receive while running. */
	private @Nullable ConsumeSubscription subscription;

	/** Messages handed out by {@link #receive()} and not settled yet. */
	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicLong retiredReconnects = new AtomicLong();

	private final AtomicBoolean gaugesRegistered = new AtomicBoolean();

	/** Deferred messages held until their wait is over. */
	private final Queue<Held> held = new ConcurrentLinkedQueue<>();

	/** partition@offset → when the stream buffered it (the lease runs from then). */
	private final Map<String, Long> arrivals = new ConcurrentHashMap<>();

	/** When {@link #receive()} was last called, for the read-ahead warning. */
	private volatile long lastReceiveNanos;

	/**
	 * One consumer observation per delivery handed out; {@code null} while observation is
	 * off.
	 */
	private @Nullable PolledDeliveryObservations observations;

	DriftqPolledMessageSource(DriftqConsumerBinding binding) {
		this.binding = binding;
		this.owner = DriftqOwners.reserve(binding.instanceId(), 1).owner(0);
		this.properties = binding.properties();
		this.settlement = binding.settlement();
		this.headerMapper = new DriftqHeaderMapper(this.properties.getExtension().isExtractEmbeddedHeaders());
	}

	/** Observe every delivery handed out ({@code enable-observation}); off by default. */
	void setObservations(DriftqBinderObservations observations) {
		this.observations = observations.isEnabled()
				? new PolledDeliveryObservations(observations, this.properties.getBindingName()) : null;
	}

	int inFlight() {
		return this.inFlight.get();
	}

	long reconnects() {
		synchronized (this.lock) {
			return this.retiredReconnects.get() + ((this.subscription != null) ? this.subscription.reconnects() : 0);
		}
	}

	String getGroup() {
		return this.binding.group();
	}

	String getOwner() {
		return this.owner;
	}

	@Override
	public String getComponentType() {
		return "driftq:polled-message-source";
	}

	@Override
	public void start() {
		if (this.gaugesRegistered.compareAndSet(false, true)) {
			this.binding.metrics()
				.consumerGauges(this.binding.topic(), this.binding.group(), this::inFlight, this::reconnects);
		}
		DriftqDeadLetterPublisher deadLetters = this.settlement.deadLetters();
		this.binding.retainer().retain(deadLetters.deadLetterTopic(), deadLetters.deadLetterPartitions());
		this.running = true;
	}

	@Override
	public void stop() {
		synchronized (this.lock) {
			if (!this.running) {
				return;
			}
			this.running = false;
			if (this.subscription != null) {
				// messages read ahead and not handed out come back after their lease
				this.subscription.close();
				this.retiredReconnects.addAndGet(this.subscription.reconnects());
				this.subscription = null;
			}
		}
		Held deferred;
		while ((deferred = this.held.poll()) != null) {
			this.settlement.release(deferred.consumed, DriftqMessageListenerContainer.RELEASED);
		}
		this.settlement.stop("polled " + this.binding.topic() + "/" + this.binding.group());
		if (this.observations != null) {
			this.observations.stopUnsettled();
		}
		this.binding.retainer().release(this.settlement.deadLetters().deadLetterTopic());
		this.arrivals.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	protected @Nullable Object doReceive() {
		PolledDeliveryObservations observed = this.observations;
		if (observed != null) {
			observed.beforeReceive();
		}
		ConsumeSubscription current = subscription();
		if (current == null) {
			return null;
		}
		long now = System.nanoTime();
		long previous = this.lastReceiveNanos;
		this.lastReceiveNanos = now;
		Duration lease = this.properties.getExtension().getLease();
		if (previous != 0 && now - previous > lease.toNanos() && current.buffered() > 0 && logger.isWarnEnabled()) {
			logger.warn("Polled DriftQ consumer " + this.binding.topic() + "/" + this.binding.group()
					+ " was not polled" + " for longer than its lease (" + lease
					+ "); messages read ahead meanwhile may have been"
					+ " redelivered already and their settlement will be refused (settled elsewhere). Poll more often"
					+ " or raise the lease.");
		}
		this.settlement.expire();
		ConsumedMessage consumed = dueDeferred(now);
		if (consumed == null) {
			try {
				consumed = current.poll(POLL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
		if (consumed == null || !this.running) {
			// stopped while polling: never handed out, never settled here; DriftQ
			// redelivers it after its lease
			return null;
		}
		this.binding.metrics().consumerEvent("received", this.binding.topic(), this.binding.group());
		this.inFlight.incrementAndGet();
		String position = consumed.partition() + "@" + consumed.offset();
		if (observed == null) {
			return this.headerMapper.toMessage(consumed,
					new DriftqAcknowledgmentCallback(consumed, this.settlement, true, () -> {
						this.inFlight.decrementAndGet();
						this.arrivals.remove(position);
					}, this));
		}
		Message<byte[]> message = this.headerMapper.toMessage(consumed,
				new DriftqAcknowledgmentCallback(consumed, this.settlement, true, () -> {
					this.inFlight.decrementAndGet();
					this.arrivals.remove(position);
					observed.settled(position);
				}, this));
		observed.handedOut(position, consumed, message);
		return message;
	}

	private @Nullable ConsumedMessage dueDeferred(long now) {
		for (Held next : this.held) {
			if (next.dueNanos <= now && this.held.remove(next)) {
				if (!next.republish) {
					return next.consumed;
				}
				// held as long as its lease allows: the copy comes back later as a fresh
				// delivery
				this.settlement.deferBeyondLease(next.consumed, 1, next.reason);
			}
		}
		return null;
	}

	private @Nullable ConsumeSubscription subscription() {
		synchronized (this.lock) {
			if (!this.running) {
				return null;
			}
			if (this.subscription == null) {
				DriftqConsumerProperties ext = this.properties.getExtension();
				ConsumeOptions options = ConsumeOptions.builder(this.binding.topic(), this.binding.group())
					.owner(this.owner)
					.lease(ext.getLease())
					.bufferSize(Math.max(1, ext.getBufferSize()))
					.createTopicPartitions(this.binding.provisioner().consumerRecreatePartitions(this.properties))
					.build();
				this.subscription = this.binding.client().subscribe(options, new SubscriptionListener() {

					@Override
					public void onDisconnected(Throwable cause) {
						logger.warn("DriftQ consume stream for polled " + DriftqPolledMessageSource.this.binding.topic()
								+ "/" + DriftqPolledMessageSource.this.binding.group() + " lost: " + cause);
					}

					@Override
					public void onBuffered(ConsumedMessage message) {
						DriftqPolledMessageSource.this.arrivals.put(message.partition() + "@" + message.offset(),
								System.nanoTime());
						DriftqPolledMessageSource.this.settlement.delivered(message);
					}

					@Override
					public void onDropped(ConsumedMessage message) {
						DriftqPolledMessageSource.this.settlement.dropped(message);
					}

				});
			}
			return this.subscription;
		}
	}

	/**
	 * Settle a message whose handler failed after Spring Cloud Stream's in-process
	 * retries (called by the binder's polled error handler): a deferred exception holds
	 * it for a later poll (or re-publishes it when the wait would outlast its lease);
	 * anything else is settled by {@link DriftqConsumerSettlement#failed}.
	 * @param callback the message's callback
	 * @param failure the handler's failure
	 * @param message the message the handler got ({@code null} if unknown)
	 * @param attempts in-process attempts, for the dead letter record
	 */
	@Override
	public void failed(DriftqAcknowledgmentCallback callback, Throwable failure, @Nullable Message<?> message,
			int attempts) {
		ConsumedMessage consumed = callback.consumed();
		String position = consumed.partition() + "@" + consumed.offset();
		Long known = this.arrivals.get(position);
		long arrived = (known != null) ? known : System.nanoTime();
		Duration wait = this.binding.deferred().waitFor(failure);
		PolledDeliveryObservations observed = this.observations;
		if (wait == null && observed != null) {
			// before the claim, which stops the observation; a deferral is not a failure
			observed.failed(position, failure);
		}
		if (!callback.claim()) {
			return;
		}
		if (wait == null) {
			this.settlement.failed(consumed, failure, message, attempts, this.running);
			return;
		}
		long waitMillis = wait.toMillis() + DriftqInboundChannelAdapter.DEFER_SLACK_MILLIS;
		long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
		long holdUntil = arrived
				+ this.properties.getExtension().getLease().minus(DriftqInboundChannelAdapter.LEASE_MARGIN).toNanos();
		String reason = "deferred: " + FailureReasons.reason(failure);
		if (!this.running) {
			this.settlement.release(consumed, reason);
			return;
		}
		this.arrivals.put(position, arrived);
		this.held.add((due < holdUntil) ? new Held(consumed, due, false, reason)
				: new Held(consumed, holdUntil, true, reason));
	}

	/**
	 * A deferred message: handed out again at {@code dueNanos}, or re-published then if
	 * its wait outlasts its lease.
	 */
	private record Held(ConsumedMessage consumed, long dueNanos, boolean republish, String reason) {
	}

}
