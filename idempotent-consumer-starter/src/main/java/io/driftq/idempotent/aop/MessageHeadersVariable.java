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

package io.driftq.idempotent.aop;

import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.messaging.Message;

/**
 * Exposes the headers of the first {@link Message} argument as {@code #headers}. Kept
 * apart from the aspect, which loads it only when spring-messaging is on the classpath.
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
