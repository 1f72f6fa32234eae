package io.driftq.cloud.stream.binder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.cloud.stream.binder.BinderHeaders;
import org.springframework.cloud.stream.binder.ExtendedProducerProperties;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.integration.expression.ExpressionUtils;
import org.springframework.integration.handler.AbstractMessageHandler;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.util.MimeType;
import org.springframework.util.StringUtils;

import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqTopicNotFoundException;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.client.model.RetryPolicy;
import io.driftq.cloud.stream.binder.metrics.DriftqBinderMetrics;
import io.driftq.cloud.stream.binder.properties.DriftqProducerProperties;
import io.driftq.cloud.stream.binder.provisioning.DriftqTopicProvisioner;

/**
 * Sends each message to DriftQ synchronously: failures (overload after bounded retries, too large, server down)
 * are thrown to the caller.
 */
class DriftqProducerMessageHandler extends AbstractMessageHandler {

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private final DriftqClient client;

	private final String topic;

	private final ExtendedProducerProperties<DriftqProducerProperties> properties;

	private final RetryPolicy retryPolicy;

	private final DriftqTopicProvisioner provisioner;

	private final DriftqBinderMetrics metrics;

	private final Expression keyExpression;

	private final Expression idempotencyKeyExpression;

	private final Expression tenantIdExpression;

	private final Expression runIdExpression;

	private final Expression stepIdExpression;

	DriftqProducerMessageHandler(DriftqClient client, String topic,
			ExtendedProducerProperties<DriftqProducerProperties> properties, DriftqTopicProvisioner provisioner,
			DriftqBinderMetrics metrics, BeanFactory beanFactory) {
		this.client = client;
		this.provisioner = provisioner;
		this.metrics = metrics;
		this.topic = topic;
		this.properties = properties;
		DriftqProducerProperties ext = properties.getExtension();
		if (ext.getRetryMaxAttempts() < 2) {
			throw new IllegalArgumentException("spring.cloud.stream.driftq.bindings." + properties.getBindingName()
					+ ".producer.retry-max-attempts must be at least 2 (DriftQ dead-letters a message whose lease"
					+ " lapses once when max_attempts is 1), was " + ext.getRetryMaxAttempts());
		}
		this.retryPolicy = new RetryPolicy(ext.getRetryMaxAttempts(), ext.getRetryBackoff().toMillis(),
				ext.getRetryMaxBackoff().toMillis());
		this.keyExpression = parse(ext.getKeyExpression());
		this.idempotencyKeyExpression = parse(ext.getIdempotencyKeyExpression());
		this.tenantIdExpression = parse(ext.getTenantIdExpression());
		this.runIdExpression = parse(ext.getRunIdExpression());
		this.stepIdExpression = parse(ext.getStepIdExpression());
		if (beanFactory != null) {
			setBeanFactory(beanFactory);
		}
	}

	private static Expression parse(String expression) {
		return StringUtils.hasText(expression) ? PARSER.parseExpression(expression) : null;
	}

	@Override
	protected void handleMessageInternal(Message<?> message) {
		MessageHeaders headers = message.getHeaders();
		String value = encodeValue(message);
		String key = string(headers.get(DriftqHeaders.KEY));
		if (key == null) {
			key = evaluate(this.keyExpression, message);
		}
		Envelope.Builder envelope = Envelope.builder()
			.retryPolicy(this.retryPolicy)
			.runId(firstNonNull(string(headers.get(DriftqHeaders.RUN_ID)), evaluate(this.runIdExpression, message)))
			.stepId(firstNonNull(string(headers.get(DriftqHeaders.STEP_ID)), evaluate(this.stepIdExpression, message)))
			.parentStepId(string(headers.get(DriftqHeaders.PARENT_STEP_ID)))
			.tenantId(firstNonNull(string(headers.get(DriftqHeaders.TENANT_ID)),
					evaluate(this.tenantIdExpression, message)))
			.idempotencyKey(firstNonNull(string(headers.get(DriftqHeaders.IDEMPOTENCY_KEY)),
					evaluate(this.idempotencyKeyExpression, message)))
			.targetTopic(string(headers.get(DriftqHeaders.TARGET_TOPIC)));
		Object deadline = headers.get(DriftqHeaders.DEADLINE);
		if (deadline instanceof Instant instant) {
			envelope.deadline(instant);
		}
		else if (deadline != null) {
			envelope.deadline(Instant.parse(deadline.toString()));
		}
		Object override = headers.get(DriftqHeaders.PARTITION_OVERRIDE);
		if (override == null && this.properties.isPartitioned()) {
			override = headers.get(BinderHeaders.PARTITION_HEADER);
		}
		if (override != null) {
			envelope.partitionOverride(Integer.valueOf(override.toString()));
		}
		ProduceRequest request = new ProduceRequest(this.topic, key, value, envelope.build());
		long start = System.nanoTime();
		boolean success = false;
		try {
			try {
				this.client.produce(request);
			}
			catch (DriftqTopicNotFoundException ex) {
				// DriftQ forgets empty topics on restart: provision again and resend once.
				this.provisioner.ensureTopic(this.topic, Math.max(1, this.properties.getPartitionCount()));
				this.client.produce(request);
			}
			success = true;
		}
		finally {
			this.metrics.produced(this.topic, System.nanoTime() - start, success);
		}
	}

	/**
	 * Text and JSON (and payloads without a content type) are sent as UTF-8; any other content type is sent as
	 * Base64 so it survives DriftQ's string-only values.
	 */
	static String encodeValue(Message<?> message) {
		Object payload = message.getPayload();
		if (payload instanceof String text) {
			return text;
		}
		if (payload instanceof byte[] bytes) {
			Object contentType = message.getHeaders().get(MessageHeaders.CONTENT_TYPE);
			if (contentType == null || isText(contentType)) {
				return new String(bytes, StandardCharsets.UTF_8);
			}
			return Base64.getEncoder().encodeToString(bytes);
		}
		return payload.toString();
	}

	private static boolean isText(Object contentType) {
		MimeType type = (contentType instanceof MimeType mime) ? mime : MimeType.valueOf(contentType.toString());
		return "text".equals(type.getType()) || type.getSubtype().equals("json") || type.getSubtype().endsWith("+json")
				|| type.getSubtype().equals("xml");
	}

	private String evaluate(Expression expression, Message<?> message) {
		if (expression == null) {
			return null;
		}
		Object value = expression.getValue(ExpressionUtils.createStandardEvaluationContext(getBeanFactory()), message);
		return string(value);
	}

	private static String string(Object value) {
		return (value != null) ? value.toString() : null;
	}

	private static String firstNonNull(String a, String b) {
		return (a != null) ? a : b;
	}

}
