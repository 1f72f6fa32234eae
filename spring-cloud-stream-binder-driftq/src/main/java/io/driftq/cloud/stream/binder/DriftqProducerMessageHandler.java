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

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqInvalidArgumentException;
import io.driftq.client.exception.DriftqTopicNotFoundException;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.client.model.RetryPolicy;
import io.driftq.cloud.stream.binder.health.DriftqBindingStates;
import io.driftq.cloud.stream.binder.metrics.DriftqBinderMetrics;
import io.driftq.cloud.stream.binder.observation.DriftqBinderObservations;
import io.driftq.cloud.stream.binder.observation.DriftqSenderContext;
import io.driftq.cloud.stream.binder.properties.DriftqBindingValidation;
import io.driftq.cloud.stream.binder.properties.DriftqProducerProperties;
import io.driftq.cloud.stream.binder.provisioning.DriftqTopicProvisioner;
import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.cloud.stream.binder.ExtendedProducerProperties;
import org.springframework.context.Lifecycle;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.integration.expression.ExpressionUtils;
import org.springframework.integration.handler.AbstractMessageHandler;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.util.StringUtils;

/**
 * Sends each message to DriftQ synchronously; on a full partition the send waits for room
 * up to {@code max-block} ({@link DriftqBlockingProducer}). A failure (still full after
 * max-block, too large, server down, partition out of range) goes to the binding's error
 * channel as an {@link ErrorMessage} when there is one ({@code error-channel-enabled} or
 * an {@code error-handler-definition}), and is thrown to the caller when {@code sync} is
 * set or there is no error channel.
 */
class DriftqProducerMessageHandler extends AbstractMessageHandler implements Lifecycle {

	private static final Log log = LogFactory.getLog(DriftqProducerMessageHandler.class);

	/**
	 * The server's answer to a {@code partition_override} the topic has no partition for.
	 */
	static final String PARTITION_OUT_OF_RANGE = "partition_override out of range";

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private final String topic;

	private final ExtendedProducerProperties<DriftqProducerProperties> properties;

	private final RetryPolicy retryPolicy;

	private final DriftqTopicProvisioner provisioner;

	private final DriftqBinderMetrics metrics;

	/** Sends with the binding's max-block and reports waits for room. */
	private final DriftqBlockingProducer producer;

	/**
	 * The binding's error channel ({@code <binder identity>.<binding>.errors}), or
	 * {@code null} without {@code error-channel-enabled} or an
	 * {@code error-handler-definition}.
	 */
	private final @Nullable MessageChannel errorChannel;

	/**
	 * The binding's expression for a header the message does not carry, by header name.
	 */
	private final Map<String, Expression> expressions;

	private final DriftqHeaderMapper headerMapper;

	/**
	 * Shared by the expressions (as Spring Integration shares one per component); created
	 * on first use.
	 */
	private volatile @Nullable EvaluationContext evaluationContext;

	DriftqProducerMessageHandler(DriftqClient client, String topic,
			ExtendedProducerProperties<DriftqProducerProperties> properties, DriftqTopicProvisioner provisioner,
			DriftqBinderMetrics metrics, @Nullable BeanFactory beanFactory, @Nullable MessageChannel errorChannel,
			DriftqBindingStates bindingStates) {
		this.errorChannel = errorChannel;
		this.provisioner = provisioner;
		this.metrics = metrics;
		this.topic = topic;
		this.properties = properties;
		DriftqProducerProperties ext = properties.getExtension();
		DriftqBindingValidation.producer(properties.getBindingName(), ext);
		this.producer = new DriftqBlockingProducer(client, properties.getBindingName(), ext.getMaxBlock(),
				bindingStates.producer(topic, properties.getBindingName()), metrics);
		this.retryPolicy = new RetryPolicy(ext.getRetryMaxAttempts(), ext.getRetryBackoff().toMillis(),
				ext.getRetryMaxBackoff().toMillis());
		Map<String, Expression> expressions = new HashMap<>();
		put(expressions, DriftqHeaders.KEY, ext.getKeyExpression());
		put(expressions, DriftqHeaders.IDEMPOTENCY_KEY, ext.getIdempotencyKeyExpression());
		put(expressions, DriftqHeaders.TENANT_ID, ext.getTenantIdExpression());
		put(expressions, DriftqHeaders.RUN_ID, ext.getRunIdExpression());
		put(expressions, DriftqHeaders.STEP_ID, ext.getStepIdExpression());
		put(expressions, DriftqHeaders.PARENT_STEP_ID, ext.getParentStepIdExpression());
		put(expressions, DriftqHeaders.TARGET_TOPIC, ext.getTargetTopicExpression());
		put(expressions, DriftqHeaders.DEADLINE, ext.getDeadlineExpression());
		this.expressions = Map.copyOf(expressions);
		this.headerMapper = new DriftqHeaderMapper(false, ext.getEmbeddedHeaders());
		if (beanFactory != null) {
			setBeanFactory(beanFactory);
		}
	}

	private DriftqBinderObservations observations = DriftqBinderObservations.OFF;

	/** Producer observations and trace context propagation (off by default). */
	void setObservations(DriftqBinderObservations observations) {
		this.observations = observations;
		java.util.List<String> embedded = this.properties.getExtension().getEmbeddedHeaders();
		if (observations.isEnabled() && (embedded == null || embedded.isEmpty())) {
			log.info("DriftQ producer binding '" + this.properties.getBindingName() + "' embeds no headers, so the"
					+ " trace context of its sends does not reach the consumers (their spans start new traces). To"
					+ " propagate it, set spring.cloud.stream.driftq.bindings." + this.properties.getBindingName()
					+ ".producer.embedded-headers (e.g. traceparent,tracestate,baggage) once every consumer of '"
					+ this.topic + "' unwraps embedded headers");
		}
	}

	/**
	 * The producer binding's state (started by the binder, stopped through
	 * {@code /actuator/bindings}).
	 */
	private volatile boolean running;

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static void put(Map<String, Expression> expressions, String header, @Nullable String expression) {
		if (StringUtils.hasText(expression)) {
			expressions.put(header, PARSER.parseExpression(expression));
		}
	}

	@Override
	protected void handleMessageInternal(Message<?> message) {
		if (!this.running) {
			throw new MessageDeliveryException(message,
					"The DriftQ producer binding for '" + this.topic + "' is stopped; start it to send");
		}
		try {
			send(message);
		}
		catch (RuntimeException ex) {
			if (this.errorChannel == null) {
				throw ex;
			}
			MessagingException failure = (ex instanceof MessagingException messaging
					&& messaging.getFailedMessage() != null) ? messaging
							: new MessageDeliveryException(message,
									"Failed to send to DriftQ topic '" + this.topic + "': " + ex.getMessage(), ex);
			try {
				this.errorChannel.send(new ErrorMessage(failure, message));
			}
			catch (RuntimeException errorHandlingFailure) {
				log.error("The error channel of DriftQ producer binding '" + this.properties.getBindingName()
						+ "' failed on " + failure, errorHandlingFailure);
			}
			if (this.properties.getExtension().isSync()) {
				throw ex;
			}
		}
	}

	/**
	 * One send, in a producer observation when observation is on (see
	 * {@link DriftqBinderObservations}).
	 */
	private void send(Message<?> message) {
		if (!this.observations.isEnabled()) {
			send(message, null);
			return;
		}
		DriftqSenderContext context = new DriftqSenderContext(this.topic, this.properties.getBindingName(),
				this.observations.isMessageKeyObserved());
		Observation observation = this.observations.producer(context).start();
		try (Observation.Scope scope = observation.openScope()) {
			send(message, context);
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private void send(Message<?> message, @Nullable DriftqSenderContext observed) {
		Map<String, String> carrier = (observed != null) ? observed.getCarrier() : null;
		ProduceRequest request = this.headerMapper.fromHeaders(this.topic, message.getHeaders(), encodeValue(message),
				(header) -> evaluate(this.expressions.get(header), message), this.retryPolicy,
				this.properties.isPartitioned(), (carrier != null) ? carrier : Map.of());
		if (observed != null) {
			observed.setMessageKey(request.key());
			Envelope envelope = request.envelope();
			observed.setPartition((envelope != null) ? envelope.partitionOverride() : null);
		}
		long start = System.nanoTime();
		boolean success = false;
		try {
			try {
				this.producer.send(request);
			}
			catch (DriftqTopicNotFoundException ex) {
				// DriftQ forgets empty topics on restart: provision again and resend
				// once.
				if (!this.provisioner.isAutoCreateTopics()) {
					throw new MessageDeliveryException(message,
							"DriftQ topic '" + this.topic + "' does not exist and"
									+ " spring.cloud.stream.driftq.binder.auto-create-topics is false: create it first",
							ex);
				}
				this.provisioner.ensureTopic(this.topic, Math.max(1, this.properties.getPartitionCount()));
				this.producer.send(request);
			}
			catch (DriftqInvalidArgumentException ex) {
				if (!PARTITION_OUT_OF_RANGE.equals(ex.getServerMessage())) {
					throw ex;
				}
				resendToTooFewPartitions(message, request);
			}
			success = true;
		}
		finally {
			this.metrics.produced(this.topic, DriftqBinderMetrics.SEND, System.nanoTime() - start, success);
		}
	}

	/**
	 * DriftQ re-creates a topic after a restart with (highest partition holding a
	 * message) + 1 partitions, and another binding may have created it with fewer.
	 * Provision it again with the binding's partition count and resend once; DriftQ never
	 * adds partitions to an existing topic, so when the resend is refused too, fail with
	 * what to change.
	 */
	private void resendToTooFewPartitions(Message<?> message, ProduceRequest request) {
		int partitionCount = this.properties.getPartitionCount();
		this.provisioner.ensureTopic(this.topic, partitionCount);
		try {
			this.producer.send(request);
		}
		catch (DriftqInvalidArgumentException ex) {
			if (!PARTITION_OUT_OF_RANGE.equals(ex.getServerMessage())) {
				throw ex;
			}
			Envelope envelope = request.envelope();
			Integer partition = (envelope != null) ? envelope.partitionOverride() : null;
			String asked = message.getHeaders().containsKey(DriftqHeaders.PARTITION_OVERRIDE)
					? "the " + DriftqHeaders.PARTITION_OVERRIDE + " header asks for partition " + partition
					: "spring.cloud.stream.bindings." + this.properties.getBindingName()
							+ ".producer.partition-count is " + partitionCount;
			throw new MessageDeliveryException(message, "DriftQ topic '" + this.topic + "' has no partition "
					+ partition + " (" + PARTITION_OUT_OF_RANGE + "): " + asked + ", but the topic has fewer"
					+ " partitions. DriftQ cannot add partitions to an existing topic (creating it again keeps its"
					+ " count) and re-creates a topic after a restart with (highest partition holding a message) + 1"
					+ " partitions. Lower partition-count to the topic's count or send to a new topic", ex);
		}
	}

	/**
	 * DriftQ values are text and DriftQ carries no headers, so there is nowhere to mark a
	 * value as encoded: a {@code byte[]} payload is sent as UTF-8 text whatever its
	 * content type, and a payload that is not valid UTF-8 is refused (rather than
	 * silently mangled or sent in an encoding the consumer cannot recognise).
	 * Applications that need binary payloads Base64-encode them themselves.
	 * @param message the outgoing message
	 * @return the DriftQ value
	 * @throws IllegalArgumentException when a {@code byte[]} payload is not valid UTF-8
	 */
	static String encodeValue(Message<?> message) {
		Object payload = message.getPayload();
		if (payload instanceof String text) {
			return text;
		}
		if (payload instanceof byte[] bytes) {
			try {
				return StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
					.onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
					.decode(java.nio.ByteBuffer.wrap(bytes))
					.toString();
			}
			catch (java.nio.charset.CharacterCodingException ex) {
				throw new IllegalArgumentException("DriftQ values are text: the " + bytes.length
						+ "-byte payload (content type " + message.getHeaders().get(MessageHeaders.CONTENT_TYPE)
						+ ") is not valid UTF-8; Base64-encode binary payloads in the application", ex);
			}
		}
		return payload.toString();
	}

	private @Nullable Object evaluate(@Nullable Expression expression, Message<?> message) {
		return (expression != null) ? expression.getValue(evaluationContext(), message) : null;
	}

	private EvaluationContext evaluationContext() {
		EvaluationContext context = this.evaluationContext;
		if (context == null) {
			context = ExpressionUtils.createStandardEvaluationContext(getBeanFactory());
			this.evaluationContext = context;
		}
		return context;
	}

}
