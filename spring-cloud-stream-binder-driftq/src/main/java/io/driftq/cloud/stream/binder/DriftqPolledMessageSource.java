package io.driftq.cloud.stream.binder;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.context.Lifecycle;
import org.springframework.integration.acks.AcknowledgmentCallback;
import org.springframework.integration.endpoint.AbstractMessageSource;
import org.springframework.messaging.Message;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.SubscriptionListener;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.cloud.stream.binder.metrics.DriftqBinderMetrics;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties.DlqMode;
import io.driftq.cloud.stream.binder.provisioning.DriftqTopicProvisioner;

/**
 * The message source behind a polled consumer binding ({@code PollableMessageSource}). One consume stream per
 * binding, opened on the first {@link #receive()} with an owner unique to this instance and closed on {@link #stop()};
 * {@link #receive()} waits at most {@value #POLL_MILLIS} ms and returns {@code null} when nothing is available.
 * <p>
 * Every message carries the {@code driftq_*} headers of the push path and a {@link PolledAcknowledgmentCallback}:
 * ACCEPT acks (held back into offset order per partition, see {@link PartitionAckSequencer}), REQUEUE nacks with reason
 * {@code requeued}, REJECT dead-letters it at once and acks (binder record with {@code dlq-mode: binder}, a copy in
 * {@code dlq.<topic>} with {@code dlq-mode: broker}). Spring
 * Cloud Stream's {@code DefaultPollableMessageSource} accepts after the handler returns unless the application took
 * over ({@code noAutoAck()}); a handler that still fails after the in-process retries reaches the binder's polled
 * error handler, which rejects (see {@link #failed}). A message never settled comes back after its lease.
 */
final class DriftqPolledMessageSource extends AbstractMessageSource<byte[]> implements Lifecycle {

	private static final Log logger = LogFactory.getLog(DriftqPolledMessageSource.class);

	static final long POLL_MILLIS = 100;

	private static final Duration POLL = Duration.ofMillis(POLL_MILLIS);

	/** Nack reason of a message the application requeued. */
	static final String REQUEUED = "requeued";

	private final DriftqClient client;

	private final DriftqTopicProvisioner provisioner;

	private final String topic;

	private final String group;

	private final String owner;

	private final ExtendedConsumerProperties<DriftqConsumerProperties> properties;

	private final DriftqBinderMetrics metrics;

	private final DriftqSettler settler;

	private final PartitionAckSequencer sequencer;

	private final Object lock = new Object();

	private volatile boolean running;

	/** Guarded by {@link #lock}; opened on the first receive while running. */
	private ConsumeSubscription subscription;

	private final DelayedNacks delayedNacks;

	/** Messages handed out by {@link #receive()} and not settled yet. */
	private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

	/** Reconnects of subscriptions closed by earlier stops (so the count never goes down). */
	private final java.util.concurrent.atomic.AtomicLong retiredReconnects = new java.util.concurrent.atomic.AtomicLong();

	private final java.util.concurrent.atomic.AtomicBoolean gaugesRegistered = new java.util.concurrent.atomic.AtomicBoolean();

	/** When {@link #receive()} was last called, for the read-ahead warning. */
	private volatile long lastReceiveNanos;

	DriftqPolledMessageSource(DriftqClient client, DriftqTopicProvisioner provisioner, String topic, String group,
			String instanceId, ExtendedConsumerProperties<DriftqConsumerProperties> properties,
			DriftqBinderMetrics metrics) {
		this.client = client;
		this.provisioner = provisioner;
		this.topic = topic;
		this.group = group;
		this.owner = DriftqInboundChannelAdapter.HOST + "-" + instanceId + "-"
				+ DriftqInboundChannelAdapter.STREAMS.getAndIncrement();
		this.properties = properties;
		this.metrics = metrics;
		this.settler = new DriftqSettler(client, metrics, topic, group);
		this.sequencer = new PartitionAckSequencer(properties.getExtension().getLease().toMillis(),
				System::currentTimeMillis);
		this.delayedNacks = new DelayedNacks("driftq-polled-nack-" + topic + "-" + group);
	}

	/** Messages handed out and not settled. */
	int inFlight() {
		return this.inFlight.get();
	}

	/** Reconnects of this source's consume streams since it was created. */
	long reconnects() {
		synchronized (this.lock) {
			return this.retiredReconnects.get() + ((this.subscription != null) ? this.subscription.reconnects() : 0);
		}
	}

	String getGroup() {
		return this.group;
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
			this.metrics.consumerGauges(this.topic, this.group, this::inFlight, this::reconnects);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		synchronized (this.lock) {
			this.running = false;
			if (this.subscription != null) {
				// messages read ahead and not handed out come back after their lease
				this.subscription.close();
				this.retiredReconnects.addAndGet(this.subscription.reconnects());
				this.subscription = null;
			}
		}
		// failed messages waiting for their nack delay are nacked now rather than left to their lease
		this.delayedNacks.runPendingNow();
		this.sequencer.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	protected Object doReceive() {
		ConsumeSubscription current = subscription();
		if (current == null) {
			return null;
		}
		long now = System.nanoTime();
		long previous = this.lastReceiveNanos;
		this.lastReceiveNanos = now;
		Duration lease = this.properties.getExtension().getLease();
		if (previous != 0 && now - previous > lease.toNanos() && current.buffered() > 0 && logger.isWarnEnabled()) {
			logger.warn("Polled DriftQ consumer " + this.topic + "/" + this.group + " was not polled for longer than its"
					+ " lease (" + lease + "); messages read ahead meanwhile may have been redelivered already and"
					+ " their settlement will be refused (settled elsewhere). Poll more often or raise the lease.");
		}
		this.sequencer.expire();
		ConsumedMessage consumed;
		try {
			consumed = current.poll(POLL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		if (consumed == null) {
			return null;
		}
		if (!this.running) {
			// stopped while polling: never handed out, never settled here; DriftQ redelivers it after its lease
			return null;
		}
		this.metrics.consumerEvent("received", this.topic, this.group);
		this.inFlight.incrementAndGet();
		return DriftqInboundChannelAdapter.toMessage(consumed, new PolledAcknowledgmentCallback(consumed),
				this.properties.getExtension().isExtractEmbeddedHeaders());
	}

	private ConsumeSubscription subscription() {
		synchronized (this.lock) {
			if (!this.running) {
				return null;
			}
			if (this.subscription == null) {
				DriftqConsumerProperties ext = this.properties.getExtension();
				ConsumeOptions options = ConsumeOptions.builder(this.topic, this.group)
					.owner(this.owner)
					.lease(ext.getLease())
					.bufferSize(Math.max(1, ext.getBufferSize()))
					.createTopicPartitions(this.provisioner.consumerRecreatePartitions(this.properties))
					.build();
				this.subscription = this.client.subscribe(options, new SubscriptionListener() {

					@Override
					public void onDisconnected(Throwable cause) {
						logger.warn("DriftQ consume stream for polled " + DriftqPolledMessageSource.this.topic + "/"
								+ DriftqPolledMessageSource.this.group + " lost: " + cause);
					}

					@Override
					public void onBuffered(ConsumedMessage message) {
						// tracked while it waits in the buffer: acks of higher offsets must wait for it
						DriftqPolledMessageSource.this.sequencer.delivered(message.partition(), message.offset());
					}

				});
			}
			return this.subscription;
		}
	}

	/**
	 * Settle a message whose handler failed after Spring Cloud Stream's in-process retries (called by the binder's
	 * polled error handler): {@code RequeueCurrentMessageException} → nack with reason {@value #REQUEUED};
	 * {@code dlq-mode: binder} → dead letter record, then ack; otherwise (or if the record cannot be written) a nack
	 * with the handler's exception as reason, after the back-off delay of {@link DelayedNacks}.
	 * @param callback the message's callback
	 * @param failure the handler's failure
	 * @param attempts in-process attempts, for the dead letter record
	 */
	void failed(PolledAcknowledgmentCallback callback, Throwable failure, int attempts) {
		if (!callback.acknowledged.compareAndSet(false, true)) {
			return;
		}
		this.inFlight.decrementAndGet();
		ConsumedMessage consumed = callback.consumed;
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof org.springframework.cloud.stream.binder.RequeueCurrentMessageException) {
				this.sequencer.settle(consumed.partition(), consumed.offset(), () -> this.settler.nack(consumed, REQUEUED), false);
				return;
			}
		}
		if (this.properties.getExtension().getDlqMode() == DlqMode.BINDER && DriftqInboundChannelAdapter
			.publishDeadLetter(this.client, this.provisioner, this.properties.getExtension(), this.topic, this.group,
					this.metrics, consumed, failure, attempts)) {
			this.sequencer.settle(consumed.partition(), consumed.offset(), () -> this.settler.ack(consumed), true);
			return;
		}
		String reason = DriftqInboundChannelAdapter.reason(failure);
		// spaced out without blocking the poller: DriftQ redelivers a nacked message at once
		this.delayedNacks.schedule(() -> this.sequencer.settle(consumed.partition(), consumed.offset(),
				() -> this.settler.nack(consumed, reason), false),
				this.running ? DelayedNacks.delayMillis(this.properties, consumed.attempts()) : 0);
	}

	/**
	 * The acknowledgment callback of one polled message. Auto-ack (Spring Cloud Stream accepts after the handler)
	 * unless the application calls {@link #noAutoAck()}. Settles once; later calls are ignored.
	 */
	final class PolledAcknowledgmentCallback implements AcknowledgmentCallback {

		private final ConsumedMessage consumed;

		private final AtomicBoolean acknowledged = new AtomicBoolean();

		private volatile boolean autoAck = true;

		PolledAcknowledgmentCallback(ConsumedMessage consumed) {
			this.consumed = consumed;
		}

		DriftqPolledMessageSource source() {
			return DriftqPolledMessageSource.this;
		}

		@Override
		public void acknowledge(Status status) {
			if (!this.acknowledged.compareAndSet(false, true)) {
				return;
			}
			DriftqPolledMessageSource outer = DriftqPolledMessageSource.this;
			outer.inFlight.decrementAndGet();
			int partition = this.consumed.partition();
			long offset = this.consumed.offset();
			switch (status) {
				case ACCEPT -> outer.sequencer.settle(partition, offset, () -> outer.settler.ack(this.consumed), true);
				case REQUEUE -> outer.sequencer.settle(partition, offset, () -> outer.settler.nack(this.consumed, REQUEUED),
						false);
				case REJECT -> {
					if (DriftqInboundChannelAdapter.deadLetterRejected(outer.client, outer.provisioner, outer.properties,
							outer.topic, outer.group, outer.metrics, this.consumed)) {
						outer.sequencer.settle(partition, offset, () -> outer.settler.ack(this.consumed), true);
					}
					else {
						// the dead letter could not be written: nacked, DriftQ redelivers it
						outer.sequencer.settle(partition, offset,
								() -> outer.settler.nack(this.consumed, DriftqInboundChannelAdapter.REJECTED), false);
					}
				}
			}
		}

		@Override
		public boolean isAcknowledged() {
			return this.acknowledged.get();
		}

		@Override
		public void noAutoAck() {
			this.autoAck = false;
		}

		@Override
		public boolean isAutoAck() {
			return this.autoAck;
		}

		@Override
		public String toString() {
			return "DriftqPolledAcknowledgmentCallback[" + this.consumed + "]";
		}

	}

}
