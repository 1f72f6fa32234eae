package io.driftq.cloud.stream.binder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.acks.AcknowledgmentCallback;
import org.springframework.integration.core.Pausable;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.util.backoff.BackOffExecution;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.SubscriptionListener;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.client.model.RetryPolicy;
import io.driftq.cloud.stream.binder.metrics.DriftqBinderMetrics;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties.AckMode;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties.DlqMode;
import io.driftq.cloud.stream.binder.provisioning.DriftqTopicProvisioner;

/**
 * Reads a DriftQ topic for one consumer binding with {@code concurrency} consume streams, each with its own owner
 * unique to this instance and a worker thread that handles its messages one at a time (so acks follow delivery order
 * per stream). In AUTO mode a message is acked when the handler returns; when it throws, it is retried in process
 * ({@code maxAttempts}/backoff), published to the binding's error channel and then nacked after a delay that follows
 * the back-off for its delivery count (see {@link DelayedNacks}) so that DriftQ's redelivery (which ignores backoff on
 * nack) is spaced out.
 * <p>
 * Stopping is graceful: workers take no new message, messages read ahead and not started are nacked so that DriftQ
 * gives them to another consumer at once, and the consume streams stay open (so the leases of the messages being
 * handled stay this owner's) until the work in hand is done or {@code shutdown-timeout} has passed; work still
 * running then is released with a nack and its late settlement is dropped.
 */
class DriftqInboundChannelAdapter extends MessageProducerSupport implements Pausable {

	private static final Log logger = LogFactory.getLog(DriftqInboundChannelAdapter.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration POLL = Duration.ofMillis(200);

	/** Nack reason / dead letter error of a message the application rejected in MANUAL mode. */
	static final String REJECTED = "rejected by the application";

	/** Nack reason of a message read ahead and never started because its binding was stopping. */
	static final String RELEASED = "released unhandled: consumer stopping";

	/** Nack reason of a message still being handled when its binding's shutdown timeout passed. */
	static final String SHUTDOWN_TIMEOUT = "released: consumer shutdown timeout passed while it was being handled";

	private final DriftqClient client;

	private final DriftqTopicProvisioner provisioner;

	private final String topic;

	private final String group;

	private final String instanceId;

	/** Numbers the consume streams of this JVM (push and polled) so that every owner is unique to the instance. */
	static final java.util.concurrent.atomic.AtomicInteger STREAMS = new java.util.concurrent.atomic.AtomicInteger();

	static final String HOST = hostName();

	/** First stream number of this binding; owners stay the same across stop/start. */
	private final int ownerBase;

	private final ExtendedConsumerProperties<DriftqConsumerProperties> properties;

	private final List<ConsumeSubscription> subscriptions = new java.util.concurrent.CopyOnWriteArrayList<>();

	/** Messages handed to the handler and not yet returned from it. */
	private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

	/** Reconnects of subscriptions closed by earlier stops (so the reconnect count never goes down). */
	private final java.util.concurrent.atomic.AtomicLong retiredReconnects = new java.util.concurrent.atomic.AtomicLong();

	private final List<Thread> workers = new ArrayList<>();

	private final DriftqSettler settler;

	private final PartitionAckSequencer sequencer;

	private final DelayedNacks delayedNacks;

	/** Callbacks of the messages inside {@link #handle}, released if they outlast the shutdown timeout. */
	private final java.util.Set<DriftqAcknowledgmentCallback> handling = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/**
	 * partition@offset of the messages nacked unstarted during the current stop (nacked once; a copy that comes back
	 * is left to its lease).
	 */
	private final java.util.Set<String> releasedWhileStopping = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private final DriftqBinderMetrics metrics;

	private volatile boolean running;

	private boolean gaugesRegistered;

	private volatile boolean paused;

	private MessageChannel bindingErrorChannel;

	/** In-process retries (the binder sets the standard one; see {@link #setRetryPolicy}). */
	private org.springframework.core.retry.RetryPolicy retryPolicy;

	DriftqInboundChannelAdapter(DriftqClient client, DriftqTopicProvisioner provisioner, String topic, String group,
			String instanceId, ExtendedConsumerProperties<DriftqConsumerProperties> properties,
			DriftqBinderMetrics metrics) {
		this.metrics = metrics;
		this.client = client;
		this.provisioner = provisioner;
		this.topic = topic;
		this.group = group;
		this.instanceId = instanceId;
		this.ownerBase = STREAMS.getAndAdd(Math.max(1, properties.getConcurrency()));
		this.properties = properties;
		this.settler = new DriftqSettler(client, metrics, topic, group);
		this.sequencer = new PartitionAckSequencer(properties.getExtension().getLease().toMillis(),
				System::currentTimeMillis);
		this.delayedNacks = new DelayedNacks("driftq-nack-" + topic + "-" + group);
		this.retryPolicy = org.springframework.core.retry.RetryPolicy.builder()
			.maxRetries(Math.max(0, properties.getMaxAttempts() - 1))
			.delay(Duration.ofMillis(properties.getBackOffInitialInterval()))
			.multiplier(properties.getBackOffMultiplier())
			.maxDelay(Duration.ofMillis(properties.getBackOffMaxInterval()))
			.build();
	}

	void setBindingErrorChannel(MessageChannel bindingErrorChannel) {
		this.bindingErrorChannel = bindingErrorChannel;
	}

	void setRetryPolicy(org.springframework.core.retry.RetryPolicy retryPolicy) {
		this.retryPolicy = retryPolicy;
	}

	String getGroup() {
		return this.group;
	}

	@Override
	protected void doStart() {
		this.releasedWhileStopping.clear();
		this.running = true;
		if (!this.gaugesRegistered) {
			this.metrics.consumerGauges(this.topic, this.group, this.inFlight::get, this::reconnects);
			this.gaugesRegistered = true;
		}
		DriftqConsumerProperties ext = this.properties.getExtension();
		int concurrency = Math.max(1, this.properties.getConcurrency());
		for (int i = 0; i < concurrency; i++) {
			String owner = HOST + "-" + this.instanceId + "-" + (this.ownerBase + i);
			ConsumeOptions options = ConsumeOptions.builder(this.topic, this.group)
				.owner(owner)
				.lease(ext.getLease())
				.bufferSize(Math.max(1, ext.getBufferSize()))
				.createTopicPartitions(this.provisioner.consumerRecreatePartitions(this.properties))
				.build();
			ConsumeSubscription subscription = this.client.subscribe(options, new SubscriptionListener() {

				@Override
				public void onDisconnected(Throwable cause) {
					logger.warn("DriftQ consume stream for " + DriftqInboundChannelAdapter.this.topic + "/"
							+ DriftqInboundChannelAdapter.this.group + " lost: " + cause);
				}

				@Override
				public void onBuffered(ConsumedMessage message) {
					// tracked from here, not when a worker takes it: while it waits in the buffer, acks of higher
					// offsets handled by other workers must wait for it
					DriftqInboundChannelAdapter.this.sequencer.delivered(message.partition(), message.offset());
				}

				@Override
				public void onDropped(ConsumedMessage message) {
					releaseUnstarted(message);
				}

			});
			this.subscriptions.add(subscription);
			Thread worker = new Thread(() -> work(subscription), "driftq-" + this.topic + "-" + this.group + "-" + i);
			worker.setDaemon(true);
			this.workers.add(worker);
			worker.start();
		}
	}

	@Override
	protected void doStop() {
		// workers take nothing new; the streams stay open meanwhile: an owner without an open stream has its
		// messages' leases cut to DriftQ's 2 s, so they would be redelivered elsewhere while still being handled here
		this.running = false;
		Duration timeout = this.properties.getExtension().getShutdownTimeout();
		long deadline = System.nanoTime() + ((timeout != null) ? timeout : Duration.ofSeconds(30)).toNanos();
		try {
			while (this.workers.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
				releaseBuffered();
				for (Thread worker : this.workers) {
					long left = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
					worker.join(Math.max(1, Math.min(left, POLL.toMillis())));
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// messages that arrived after the last look are released as the buffers are dropped (onDropped)
		this.subscriptions.forEach(ConsumeSubscription::close);
		if (this.workers.stream().anyMatch(Thread::isAlive)) {
			logger.warn("DriftQ consumer " + this.topic + "/" + this.group + " still handling " + this.handling.size()
					+ " message(s) after the shutdown timeout " + timeout + "; they are nacked (released to other"
					+ " consumers) and their handlers' late settlements are dropped");
			// after the streams are closed, so that DriftQ's immediate redelivery cannot pick this instance
			this.handling.forEach((callback) -> {
				this.releasedWhileStopping.add(callback.consumed.partition() + "@" + callback.consumed.offset());
				callback.release(SHUTDOWN_TIMEOUT);
			});
		}
		this.delayedNacks.runPendingNow();
		int heldAcks = this.sequencer.clear();
		if (heldAcks > 0) {
			logger.info("DriftQ consumer " + this.topic + "/" + this.group + " stopped with " + heldAcks + " ack(s) held"
					+ " behind lower offsets that were not settled here; those messages are redelivered (a duplicate"
					+ " rather than a committed offset past an unhandled message)");
		}
		this.retiredReconnects.addAndGet(this.subscriptions.stream().mapToLong(ConsumeSubscription::reconnects).sum());
		this.subscriptions.clear();
		this.workers.clear();
	}

	/** Stopping: nack what is read ahead and not started, so that DriftQ hands it to another consumer at once. */
	private void releaseBuffered() {
		for (ConsumeSubscription subscription : this.subscriptions) {
			ConsumedMessage consumed;
			try {
				while ((consumed = subscription.poll(Duration.ZERO)) != null) {
					releaseUnstarted(consumed);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * A message this binding will not handle because it is stopping: nacked once, so that it goes to another consumer
	 * at once. A copy that comes back here during the same stop (DriftQ redelivers round-robin) is left to its lease,
	 * so that a lone consumer does not burn the message's attempts. Not settled through the sequencer: the acks of
	 * higher offsets stay held behind it.
	 */
	private void releaseUnstarted(ConsumedMessage consumed) {
		if (this.releasedWhileStopping.add(consumed.partition() + "@" + consumed.offset())) {
			this.metrics.consumerEvent("released", this.topic, this.group);
			this.settler.nack(consumed, RELEASED);
		}
	}

	private static String hostName() {
		String host = System.getenv("HOSTNAME");
		if (host == null || host.isBlank()) {
			try {
				host = java.net.InetAddress.getLocalHost().getHostName();
			}
			catch (java.io.IOException | RuntimeException ex) {
				host = "localhost";
			}
		}
		return host.replaceAll("[^A-Za-z0-9._-]", "_");
	}

	/** Reconnects of this binding's consume streams since it was created. */
	long reconnects() {
		return this.retiredReconnects.get()
				+ this.subscriptions.stream().mapToLong(ConsumeSubscription::reconnects).sum();
	}

	@Override
	public void pause() {
		this.paused = true;
	}

	@Override
	public void resume() {
		this.paused = false;
	}

	@Override
	public boolean isPaused() {
		return this.paused;
	}

	private void work(ConsumeSubscription subscription) {
		while (this.running) {
			try {
				if (this.paused) {
					Thread.sleep(POLL.toMillis());
					continue;
				}
				ConsumedMessage consumed = subscription.poll(POLL);
				if (consumed != null) {
					while (this.paused && this.running) {
						// paused while this message was arriving: hold it until resumed (or its lease lapses)
						Thread.sleep(POLL.toMillis());
					}
					if (!this.running) {
						// stopping: never started here
						releaseUnstarted(consumed);
						return;
					}
					this.metrics.consumerEvent("received", this.topic, this.group);
					this.inFlight.incrementAndGet();
					try {
						handle(consumed);
					}
					finally {
						this.inFlight.decrementAndGet();
					}
				}
				else {
					this.sequencer.expire();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				logger.error("Unexpected failure in DriftQ consumer " + this.topic + "/" + this.group, ex);
			}
		}
	}

	private void handle(ConsumedMessage consumed) throws InterruptedException {
		boolean manual = this.properties.getExtension().getAckMode() == AckMode.MANUAL;
		DriftqAcknowledgmentCallback callback = new DriftqAcknowledgmentCallback(consumed);
		this.handling.add(callback);
		try {
			handle(consumed, callback, manual);
		}
		finally {
			this.handling.remove(callback);
		}
	}

	private void handle(ConsumedMessage consumed, DriftqAcknowledgmentCallback callback, boolean manual)
			throws InterruptedException {
		Message<byte[]> message = toMessage(consumed, manual ? callback : null,
				this.properties.getExtension().isExtractEmbeddedHeaders());
		// started at the first failure: most messages never need one
		BackOffExecution backOff = null;
		RuntimeException failure = null;
		boolean handled = false;
		int attempts = 0;
		// the first attempt always runs (the message is ours now); retries stop early when the binding stops
		while (true) {
			attempts++;
			try {
				sendMessage(message);
				failure = null;
				handled = true;
				break;
			}
			catch (RuntimeException ex) {
				failure = ex;
				if (!this.running || !retryable(ex)) {
					break;
				}
				if (backOff == null) {
					backOff = this.retryPolicy.getBackOff().start();
				}
				long delay = backOff.nextBackOff();
				if (delay == BackOffExecution.STOP) {
					break;
				}
				Thread.sleep(delay);
			}
		}
		if (failure == null) {
			if (handled && !manual) {
				callback.acknowledge(AcknowledgmentCallback.Status.ACCEPT);
			}
			else if (handled && !callback.isAcknowledged()) {
				this.metrics.consumerEvent("unsettled", this.topic, this.group);
				logger.warn("MANUAL ack mode: " + consumed + " was not settled when the handler returned; unless it is"
						+ " settled later, DriftQ redelivers it after its lease ("
						+ this.properties.getExtension().getLease() + ")");
			}
			return;
		}
		if (this.bindingErrorChannel != null) {
			try {
				this.bindingErrorChannel.send(new ErrorMessage(failure, message));
			}
			catch (RuntimeException ex) {
				logger.debug("Error channel handler failed", ex);
			}
		}
		if (this.properties.getExtension().getDlqMode() == DlqMode.BINDER
				&& publishDeadLetter(consumed, failure, attempts)) {
			callback.acknowledge(AcknowledgmentCallback.Status.ACCEPT);
			return;
		}
		callback.nack(reason(failure), this.running ? DelayedNacks.delayMillis(this.properties, consumed.attempts()) : 0);
	}

	/**
	 * The nack reason DriftQ shows as {@code last_error} on the redelivery: the handler's own exception (class and
	 * message) rather than Spring Integration's {@code MessageHandlingException} wrapper.
	 */
	static String reason(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof org.springframework.messaging.MessagingException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		String reason = cause.getClass().getName() + ": " + cause.getMessage();
		return (reason.length() > 1000) ? reason.substring(0, 1000) : reason;
	}

	/**
	 * Whether another in-process attempt may help. A payload that cannot be converted to the handler's type never
	 * can (unless {@code retryable-exceptions} says so): Spring Cloud Function reports it as a
	 * {@link MessageConversionException}, or hands the raw bytes on so that the function fails with a
	 * {@link ClassCastException}. Otherwise the retry policy decides, on the handler's own exception rather than
	 * Spring Integration's wrapper.
	 */
	boolean retryable(Throwable failure) {
		Map<Class<? extends Throwable>, Boolean> configured = this.properties.getRetryableExceptions();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if ((cause instanceof MessageConversionException || cause instanceof ClassCastException)
					&& !Boolean.TRUE.equals(configuredFor(configured, cause))) {
				return false;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		Throwable cause = failure;
		while (cause instanceof org.springframework.messaging.MessagingException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return this.retryPolicy.shouldRetry(cause);
	}

	private static Boolean configuredFor(Map<Class<? extends Throwable>, Boolean> configured, Throwable ex) {
		for (Map.Entry<Class<? extends Throwable>, Boolean> entry : configured.entrySet()) {
			if (entry.getKey().isInstance(ex)) {
				return entry.getValue();
			}
		}
		return null;
	}

	private boolean publishDeadLetter(ConsumedMessage consumed, Throwable failure, int attempts) {
		return publishDeadLetter(this.client, this.provisioner, this.properties.getExtension(), this.topic, this.group,
				this.metrics, consumed, failure, attempts);
	}

	/**
	 * Write the binder-mode dead letter record of {@code consumed} (shared with the polled source).
	 * @return {@code true} if it was written (the caller then acks the original), {@code false} to nack instead
	 */
	static boolean publishDeadLetter(DriftqClient client, DriftqTopicProvisioner provisioner,
			DriftqConsumerProperties extension, String topic, String group, DriftqBinderMetrics metrics,
			ConsumedMessage consumed, Throwable failure, int attempts) {
		String dlq = extension.getDlqName();
		if (dlq == null || dlq.isBlank()) {
			dlq = topic + ".dlq";
		}
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("payload", consumed.value());
		record.put("key", consumed.key());
		record.put("error", cause.getClass().getName() + ": " + cause.getMessage());
		record.put("attempts", consumed.attempts());
		record.put("in_process_attempts", attempts);
		record.put("topic", consumed.topic());
		record.put("group", consumed.group());
		record.put("partition", consumed.partition());
		record.put("offset", consumed.offset());
		try {
			provisioner.ensureTopic(dlq, 1);
			client.produce(new ProduceRequest(dlq, consumed.key(), JSON.writeValueAsString(record),
					Envelope.builder().retryPolicy(RetryPolicy.maxAttempts(5)).build()));
			metrics.consumerEvent("dead_lettered", topic, group);
			logger.warn("Dead-lettered " + consumed + " to " + dlq + ": " + cause);
			return true;
		}
		catch (RuntimeException ex) {
			logger.error("Could not publish dead letter for " + consumed + " to " + dlq + "; nacking instead", ex);
			return false;
		}
	}

	/**
	 * Dead-letter a message the application rejected (REJECT: do not redeliver), now rather than after more
	 * deliveries. {@code dlq-mode: binder} writes the binder's JSON record to {@code dlq-name}; {@code dlq-mode:
	 * broker} writes the copy DriftQ itself would move to {@code dlq.<topic>} (key, value and envelope without retry
	 * policy, target topic, partition override and deadline), because DriftQ has no endpoint that moves a message to
	 * its dead letter topic and a nack would be redelivered until the producer's retry policy is used up (forever
	 * without one). The caller acks the original when this returns {@code true}.
	 * @return whether the dead letter was written
	 */
	static boolean deadLetterRejected(DriftqClient client, DriftqTopicProvisioner provisioner,
			ExtendedConsumerProperties<DriftqConsumerProperties> properties, String topic, String group,
			DriftqBinderMetrics metrics, ConsumedMessage consumed) {
		if (properties.getExtension().getDlqMode() == DlqMode.BINDER) {
			return publishDeadLetter(client, provisioner, properties.getExtension(), topic, group, metrics, consumed,
					new IllegalStateException(REJECTED), 1);
		}
		String dlq = "dlq." + topic;
		Envelope original = consumed.envelopeOrEmpty();
		Envelope envelope = Envelope.builder()
			.runId(original.runId())
			.stepId(original.stepId())
			.parentStepId(original.parentStepId())
			.tenantId(original.tenantId())
			.idempotencyKey(original.idempotencyKey())
			.build();
		try {
			provisioner.ensureTopic(dlq, DriftqTopicProvisioner.consumerPartitions(properties));
			client.produce(new ProduceRequest(dlq, consumed.key().isEmpty() ? null : consumed.key(), consumed.value(),
					envelope));
			metrics.consumerEvent("dead_lettered", topic, group);
			logger.warn("Rejected " + consumed + ": copied to " + dlq);
			return true;
		}
		catch (RuntimeException ex) {
			logger.error("Could not copy rejected " + consumed + " to " + dlq + "; nacking instead", ex);
			return false;
		}
	}

	static Message<byte[]> toMessage(ConsumedMessage consumed, AcknowledgmentCallback callback,
			boolean extractEmbeddedHeaders) {
		EmbeddedHeaders.Unwrapped unwrapped = extractEmbeddedHeaders ? EmbeddedHeaders.extract(consumed.value()) : null;
		String value = (unwrapped != null) ? unwrapped.payload() : consumed.value();
		MessageBuilder<byte[]> builder = MessageBuilder.withPayload(value.getBytes(StandardCharsets.UTF_8));
		if (unwrapped != null) {
			// first, so that the binder's own driftq_* headers below win over anything embedded
			unwrapped.headers().forEach((name, header) -> {
				try {
					builder.setHeader(name, header);
				}
				catch (IllegalArgumentException ex) {
					// a header Spring refuses (wrong type for a typed header): dropped, the message is still delivered
					logger.debug("Embedded header '" + name + "' dropped: " + ex.getMessage());
				}
			});
		}
		builder.setHeader(DriftqHeaders.TOPIC, consumed.topic())
			.setHeader(DriftqHeaders.GROUP, consumed.group())
			.setHeader(DriftqHeaders.PARTITION, consumed.partition())
			.setHeader(DriftqHeaders.OFFSET, consumed.offset())
			.setHeader(DriftqHeaders.ATTEMPTS, consumed.attempts())
			.setHeaderIfAbsent(DriftqHeaders.KEY, consumed.key())
			.setHeaderIfAbsent(DriftqHeaders.LAST_ERROR, consumed.lastError());
		Envelope envelope = consumed.envelopeOrEmpty();
		setIfPresent(builder, DriftqHeaders.RUN_ID, envelope.runId());
		setIfPresent(builder, DriftqHeaders.STEP_ID, envelope.stepId());
		setIfPresent(builder, DriftqHeaders.PARENT_STEP_ID, envelope.parentStepId());
		setIfPresent(builder, DriftqHeaders.TENANT_ID, envelope.tenantId());
		setIfPresent(builder, DriftqHeaders.IDEMPOTENCY_KEY, envelope.idempotencyKey());
		setIfPresent(builder, DriftqHeaders.TARGET_TOPIC, envelope.targetTopic());
		setIfPresent(builder, DriftqHeaders.DEADLINE, envelope.deadline());
		setIfPresent(builder, DriftqHeaders.PARTITION_OVERRIDE, envelope.partitionOverride());
		if (consumed.routing() != null) {
			setIfPresent(builder, DriftqHeaders.ROUTING_LABEL, consumed.routing().label());
			if (!consumed.routing().meta().isEmpty()) {
				builder.setHeader(DriftqHeaders.ROUTING_META, consumed.routing().meta());
			}
		}
		if (callback != null) {
			builder.setHeader(IntegrationMessageHeaderAccessor.ACKNOWLEDGMENT_CALLBACK, callback);
		}
		return builder.build();
	}

	private static void setIfPresent(MessageBuilder<byte[]> builder, String header, Object value) {
		if (value != null) {
			builder.setHeader(header, value);
		}
	}

	/**
	 * Settles one delivery: ACCEPT acks, REQUEUE nacks (DriftQ redelivers and counts the attempt), REJECT dead-letters
	 * it at once and acks (see {@link DriftqInboundChannelAdapter#deadLetterRejected}; a nack with reason
	 * {@value #REJECTED} if the dead letter cannot be written). Answers that the message was settled elsewhere (lease
	 * lost, not owner, not in flight) are logged at WARN and never thrown.
	 */
	final class DriftqAcknowledgmentCallback implements AcknowledgmentCallback {

		private final ConsumedMessage consumed;

		private final AtomicBoolean acknowledged = new AtomicBoolean();

		DriftqAcknowledgmentCallback(ConsumedMessage consumed) {
			this.consumed = consumed;
		}

		@Override
		public void acknowledge(Status status) {
			if (!this.acknowledged.compareAndSet(false, true)) {
				return;
			}
			if (status == Status.REJECT) {
				DriftqInboundChannelAdapter outer = DriftqInboundChannelAdapter.this;
				if (deadLetterRejected(outer.client, outer.provisioner, outer.properties, outer.topic, outer.group,
						outer.metrics, this.consumed)) {
					// dead letter written: ack the original
					outer.sequencer.settle(this.consumed.partition(), this.consumed.offset(),
							() -> settleNow(Status.ACCEPT), true);
				}
				else {
					// could not be written: nacked, DriftQ redelivers it
					outer.sequencer.settle(this.consumed.partition(), this.consumed.offset(),
							() -> nackNow(REJECTED), false);
				}
				return;
			}
			DriftqInboundChannelAdapter.this.sequencer.settle(this.consumed.partition(), this.consumed.offset(),
					() -> settleNow(status), status != Status.REQUEUE);
		}

		private void settleNow(Status status) {
			if (status == Status.REQUEUE) {
				DriftqInboundChannelAdapter.this.settler.nack(this.consumed, "requeued");
			}
			else {
				DriftqInboundChannelAdapter.this.settler.ack(this.consumed);
			}
		}

		/**
		 * Nack after {@code delayMillis} (on the binding's timer: the worker goes on); the offset stays unsettled in
		 * the sequencer until then.
		 */
		void nack(String reason, long delayMillis) {
			if (!this.acknowledged.compareAndSet(false, true)) {
				return;
			}
			DriftqInboundChannelAdapter outer = DriftqInboundChannelAdapter.this;
			outer.delayedNacks.schedule(() -> outer.sequencer.settle(this.consumed.partition(), this.consumed.offset(),
					() -> nackNow(reason), false), delayMillis);
		}

		/** Shutdown timeout: nack now and drop whatever the still-running handler settles later. */
		void release(String reason) {
			if (this.acknowledged.compareAndSet(false, true)) {
				nackNow(reason);
			}
		}

		private void nackNow(String reason) {
			DriftqInboundChannelAdapter.this.settler.nack(this.consumed, reason);
		}

		@Override
		public boolean isAcknowledged() {
			return this.acknowledged.get();
		}

		@Override
		public boolean isAutoAck() {
			return false;
		}

	}

}
