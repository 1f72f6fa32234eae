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
import java.util.concurrent.TimeUnit;

import io.driftq.client.model.ConsumedMessage;
import io.driftq.cloud.stream.binder.metrics.DriftqBinderMetrics;
import io.driftq.cloud.stream.binder.observation.DriftqBinderObservations;
import io.driftq.cloud.stream.binder.observation.DriftqReceiverContext;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties.AckMode;
import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.core.AttributeAccessor;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.integration.acks.AcknowledgmentCallback;
import org.springframework.integration.core.Pausable;
import org.springframework.integration.core.RecoveryCallback;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.support.ErrorMessageUtils;
import org.springframework.messaging.Message;
import org.springframework.util.backoff.BackOff;

/**
 * The push consumer endpoint of one binding: the {@link DriftqMessageListenerContainer}
 * hands it deliveries, it sends each to the binding's channel with the binder's
 * in-process retries (Spring's {@link RetryTemplate}, the policy
 * {@link DriftqRetryPolicy}), then settles it by the failure model:
 * <ul>
 * <li>the handler returned: ack (AUTO), or left to the application (MANUAL);</li>
 * <li>a deferred exception ({@code deferred-exceptions}): no budget spent, no in-process
 * retry; the message is held and handled again after its {@code retryAfter()} while that
 * fits in its lease (less 2 s); a longer wait holds it as long as the lease allows, then
 * re-publishes it to the end of its topic and acks it;</li>
 * <li>any other failure: sent by the binding's recoverer
 * ({@code ErrorMessageSendingRecoverer}) to its error channel, where the binder's
 * {@link DriftqErrorMessageHandler} settles it: nacked (DriftQ redelivers it after the
 * back-off delay) while its budget allows, dead-lettered once it is spent or at once when
 * it can never succeed (see {@link DriftqConsumerSettlement#failed}).</li>
 * </ul>
 */
class DriftqInboundChannelAdapter extends MessageProducerSupport implements Pausable {

	private static final Log logger = LogFactory.getLog(DriftqInboundChannelAdapter.class);

	/** Margin kept between the end of an in-process hold and the lease's end. */
	static final Duration LEASE_MARGIN = Duration.ofSeconds(2);

	/**
	 * Added to a deferred exception's wait, so that the claim it waits for has lapsed.
	 */
	static final long DEFER_SLACK_MILLIS = 100;

	private static final long HOLD_STEP_MILLIS = 100;

	private final String topic;

	private final String group;

	private final ExtendedConsumerProperties<DriftqConsumerProperties> properties;

	private final DriftqConsumerSettlement settlement;

	private final DriftqMessageListenerContainer container;

	private final DeadLetterRetainer retainer;

	private final DriftqHeaderMapper headerMapper;

	private final DeferredExceptions deferred;

	private final RetryTemplate retryTemplate;

	private final DriftqBinderMetrics metrics;

	private boolean gaugesRegistered;

	/**
	 * The binding's {@code ErrorMessageSendingRecoverer}: sends the failure to the
	 * binding's error channel.
	 */
	private @Nullable RecoveryCallback<Object> recoverer;

	private DriftqBinderObservations observations = DriftqBinderObservations.OFF;

	DriftqInboundChannelAdapter(DriftqConsumerBinding binding, DriftqRetryPolicy retryPolicy) {
		this.topic = binding.topic();
		this.group = binding.group();
		this.properties = binding.properties();
		this.settlement = binding.settlement();
		this.retainer = binding.retainer();
		this.metrics = binding.metrics();
		this.deferred = binding.deferred();
		this.headerMapper = new DriftqHeaderMapper(this.properties.getExtension().isExtractEmbeddedHeaders());
		this.container = new DriftqMessageListenerContainer(binding.client(), binding.provisioner(), this.topic,
				this.group, DriftqOwners.reserve(binding.instanceId(), this.properties.getConcurrency()),
				this.properties, this.settlement, this.metrics, this::onMessage);
		this.retryTemplate = new RetryTemplate(new StoppingRetryPolicy(retryPolicy));
	}

	void setObservations(DriftqBinderObservations observations) {
		this.observations = observations;
	}

	void setRecoverer(RecoveryCallback<Object> recoverer) {
		this.recoverer = recoverer;
	}

	String getGroup() {
		return this.group;
	}

	/** Reconnects of this binding's consume streams since it was created. */
	long reconnects() {
		return this.container.reconnects();
	}

	@Override
	protected void doStart() {
		if (!this.gaugesRegistered) {
			this.metrics.consumerGauges(this.topic, this.group, this.container::inFlight, this.container::reconnects);
			this.gaugesRegistered = true;
		}
		DriftqDeadLetterPublisher deadLetters = this.settlement.deadLetters();
		this.retainer.retain(deadLetters.deadLetterTopic(), deadLetters.deadLetterPartitions());
		this.container.start();
	}

	@Override
	protected void doStop() {
		this.container.stop();
		this.retainer.release(this.settlement.deadLetters().deadLetterTopic());
	}

	@Override
	public void pause() {
		this.container.pause();
	}

	@Override
	public void resume() {
		this.container.resume();
	}

	@Override
	public boolean isPaused() {
		return this.container.isPaused();
	}

	private void onMessage(ConsumedMessage consumed, DriftqAcknowledgmentCallback callback)
			throws InterruptedException {
		boolean manual = this.properties.getExtension().getAckMode() == AckMode.MANUAL;
		Message<byte[]> message = this.headerMapper.toMessage(consumed, manual ? callback : null);
		if (!this.observations.isEnabled()) {
			deliver(consumed, callback, manual, message, null);
			return;
		}
		// one consumer observation per delivery, the child of the producer's when its
		// trace context travelled
		Observation observation = this.observations
			.consumer(new DriftqReceiverContext(message, consumed, this.properties.getBindingName(),
					this.observations.isMessageKeyObserved()))
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			deliver(consumed, callback, manual, message, observation);
		}
		catch (RuntimeException | InterruptedException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private void deliver(ConsumedMessage consumed, DriftqAcknowledgmentCallback callback, boolean manual,
			Message<byte[]> message, @Nullable Observation observation) throws InterruptedException {
		int deferrals = 0;
		while (true) {
			Throwable failure;
			int attempts;
			try {
				this.retryTemplate.execute(() -> {
					sendMessage(message);
					return message; // unused, but not null: NullAway takes Retryable<R>
									// as non-null
				});
				settleHandled(consumed, callback, manual);
				return;
			}
			catch (RetryException ex) {
				failure = ex.getCause();
				attempts = ex.getRetryCount() + 1;
			}
			Duration wait = this.deferred.waitFor(failure);
			if (wait == null) {
				if (observation != null) {
					observation.error(failure);
				}
				recover(failure, message, callback, attempts);
				if (callback.claim()) {
					// not settled on the error channel: the binder's handler was replaced
					// (an error-handler-definition)
					// or the channel failed before it; settled by the failure model all
					// the same
					this.settlement.failed(consumed, failure, message, attempts, this.container.isRunning());
				}
				return;
			}
			long waitMillis = wait.toMillis() + DEFER_SLACK_MILLIS;
			long holdUntil = this.container.arrivedNanos(consumed)
					+ this.properties.getExtension().getLease().minus(LEASE_MARGIN).toNanos();
			long leftMillis = TimeUnit.NANOSECONDS.toMillis(holdUntil - System.nanoTime());
			logger.debug("Deferred " + consumed + " (" + FailureReasons.reason(failure) + "): waits " + waitMillis
					+ " ms, " + leftMillis + " ms left to hold it");
			if (waitMillis < leftMillis) {
				if (holdWhileRunning(waitMillis)) {
					continue;
				}
			}
			else if (leftMillis <= 0 || holdWhileRunning(leftMillis)) {
				// as long as its lease allows, then re-published: the copy comes back
				// later as a fresh delivery
				if (callback.claim()) {
					this.settlement.deferBeyondLease(consumed, ++deferrals,
							"deferred: " + FailureReasons.reason(failure));
				}
				return;
			}
			// stopping: released to another consumer (one delivery of its budget)
			if (callback.claim()) {
				this.settlement.release(consumed, "deferred: " + FailureReasons.reason(failure));
			}
			return;
		}
	}

	private void settleHandled(ConsumedMessage consumed, DriftqAcknowledgmentCallback callback, boolean manual) {
		if (!manual) {
			callback.acknowledge(AcknowledgmentCallback.Status.ACCEPT);
		}
		else if (!callback.isAcknowledged()) {
			this.metrics.consumerEvent("unsettled", this.topic, this.group);
			logger.warn("MANUAL ack mode: " + consumed + " was not settled when the handler returned; unless it is"
					+ " settled later, DriftQ redelivers it after its lease ("
					+ this.properties.getExtension().getLease() + ")");
		}
	}

	/**
	 * @return {@code false} if the binding stopped meanwhile
	 */
	private boolean holdWhileRunning(long millis) throws InterruptedException {
		long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
		while (System.nanoTime() < end) {
			if (!this.container.isRunning()) {
				return false;
			}
			Thread
				.sleep(Math.min(HOLD_STEP_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
		}
		return true;
	}

	/**
	 * Through the binding's recoverer to its error channel, where the binder's
	 * {@link DriftqErrorMessageHandler} settles the delivery, then the application's
	 * subscribers see the error message.
	 */
	private void recover(Throwable failure, Message<byte[]> message, DriftqAcknowledgmentCallback callback,
			int attempts) {
		if (this.recoverer == null) {
			return;
		}
		AttributeAccessor context = ErrorMessageUtils.getAttributeAccessor(message, message);
		context.setAttribute(DriftqErrorMessageStrategy.CALLBACK_ATTRIBUTE, callback);
		context.setAttribute(DriftqErrorMessageStrategy.ATTEMPTS_ATTRIBUTE, attempts);
		try {
			this.recoverer.recover(context, failure);
		}
		catch (RuntimeException ex) {
			logger.debug("Error channel handler failed", ex);
		}
	}

	/**
	 * The binding's policy; no further in-process attempt once the binding is stopping.
	 */
	private final class StoppingRetryPolicy implements RetryPolicy {

		private final RetryPolicy delegate;

		StoppingRetryPolicy(RetryPolicy delegate) {
			this.delegate = delegate;
		}

		@Override
		public boolean shouldRetry(Throwable failure) {
			return DriftqInboundChannelAdapter.this.container.isRunning() && this.delegate.shouldRetry(failure);
		}

		@Override
		public Duration getTimeout() {
			return this.delegate.getTimeout();
		}

		@Override
		public BackOff getBackOff() {
			return this.delegate.getBackOff();
		}

	}

}
