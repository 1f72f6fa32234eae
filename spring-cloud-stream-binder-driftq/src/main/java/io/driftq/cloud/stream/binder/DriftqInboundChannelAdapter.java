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
 * ({@code maxAttempts}/backoff), published to the binding's error channel and then nacked after
 * {@code nackDelay} so that DriftQ's redelivery (which ignores backoff on nack) is spaced out.
 */
class DriftqInboundChannelAdapter extends MessageProducerSupport implements Pausable {

	private static final Log logger = LogFactory.getLog(DriftqInboundChannelAdapter.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration POLL = Duration.ofMillis(200);

	/** Nack reason / dead letter error of a message the application rejected in MANUAL mode. */
	static final String REJECTED = "rejected by the application";

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
				.createTopicPartitions(DriftqTopicProvisioner.consumerPartitions(this.properties))
				.build();
			ConsumeSubscription subscription = this.client.subscribe(options, new SubscriptionListener() {

				@Override
				public void onDisconnected(Throwable cause) {
					logger.warn("DriftQ consume stream for " + DriftqInboundChannelAdapter.this.topic + "/"
							+ DriftqInboundChannelAdapter.this.group + " lost: " + cause);
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
		this.running = false;
		this.subscriptions.forEach(ConsumeSubscription::close);
		Duration timeout = this.properties.getExtension().getShutdownTimeout();
		long deadline = System.nanoTime() + ((timeout != null) ? timeout : Duration.ofSeconds(30)).toNanos();
		for (Thread worker : this.workers) {
			try {
				long left = Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
				worker.join(left);
				if (worker.isAlive()) {
					logger.warn("DriftQ consumer " + this.topic + "/" + this.group + " still handling a message after the"
							+ " shutdown timeout " + timeout + "; its message will be redelivered after its lease");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.retiredReconnects.addAndGet(this.subscriptions.stream().mapToLong(ConsumeSubscription::reconnects).sum());
		this.subscriptions.clear();
		this.workers.clear();
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
						// stopping: never handled, never settled here; DriftQ redelivers it after its lease
						return;
					}
					this.metrics.consumerEvent("received", this.topic, this.group);
					this.sequencer.delivered(consumed.partition(), consumed.offset());
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
			else if (handled && !callback.isAcknowledged() && logger.isWarnEnabled()) {
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
		Duration delay = this.properties.getExtension().getNackDelay();
		if (delay != null && !delay.isZero() && this.running) {
			Thread.sleep(delay.toMillis());
		}
		callback.nack(reason(failure));
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
	 * Settles one delivery: ACCEPT acks, REQUEUE nacks (DriftQ redelivers and counts the attempt), REJECT goes toward
	 * the dead letter topic: with {@code dlq-mode=binder} the binder writes the dead letter record and acks, with
	 * {@code dlq-mode=broker} it nacks with reason {@value #REJECTED} so DriftQ moves the message to
	 * {@code dlq.<topic>} once its retry policy is used up. Answers that the message was settled elsewhere (lease lost, not owner, not in
	 * flight) are logged at WARN and never thrown.
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
				if (outer.properties.getExtension().getDlqMode() == DlqMode.BINDER && outer.publishDeadLetter(
						this.consumed, new IllegalStateException(REJECTED), 1)) {
					// dead letter written: ack the original
					outer.sequencer.settle(this.consumed.partition(), this.consumed.offset(),
							() -> settleNow(Status.ACCEPT), true);
				}
				else {
					// toward the broker DLQ: DriftQ moves it to dlq.<topic> once its retry policy is used up
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

		void nack(String reason) {
			if (!this.acknowledged.compareAndSet(false, true)) {
				return;
			}
			DriftqInboundChannelAdapter.this.sequencer.settle(this.consumed.partition(), this.consumed.offset(),
					() -> nackNow(reason), false);
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
