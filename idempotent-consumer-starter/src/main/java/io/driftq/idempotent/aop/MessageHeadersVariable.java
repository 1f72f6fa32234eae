package io.driftq.idempotent.aop;

import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.messaging.Message;

/**
 * Exposes the headers of the first {@link Message} argument as {@code #headers}. Kept apart from the aspect, which
 * loads it only when spring-messaging is on the classpath.
 */
final class MessageHeadersVariable {

	private MessageHeadersVariable() {
	}

	static void register(StandardEvaluationContext context, Object[] args) {
		for (Object arg : args) {
			if (arg instanceof Message<?> message) {
				context.setVariable("headers", message.getHeaders());
				return;
			}
		}
	}

}
