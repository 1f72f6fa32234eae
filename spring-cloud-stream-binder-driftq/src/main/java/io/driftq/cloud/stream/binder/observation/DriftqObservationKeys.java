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

package io.driftq.cloud.stream.binder.observation;

/**
 * The keys of the binder's observations (OpenTelemetry's messaging names where there is
 * one).
 */
public final class DriftqObservationKeys {

	/** {@code messaging.system}, always {@value #DRIFTQ}. */
	public static final String MESSAGING_SYSTEM = "messaging.system";

	/** The value of {@link #MESSAGING_SYSTEM}. */
	public static final String DRIFTQ = "driftq";

	/** {@code send} (producer) or {@code process} (consumer). */
	public static final String OPERATION = "messaging.operation";

	/** The topic. */
	public static final String DESTINATION = "messaging.destination.name";

	/** The consumer group. */
	public static final String GROUP = "messaging.consumer.group.name";

	/** The Spring Cloud Stream binding. */
	public static final String BINDING = "spring.cloud.stream.binding";

	/** The partition (high cardinality). */
	public static final String PARTITION = "messaging.destination.partition.id";

	/** The offset in the partition (high cardinality). */
	public static final String OFFSET = "messaging.driftq.message.offset";

	/** DriftQ's delivery count, 1 on the first delivery (high cardinality). */
	public static final String ATTEMPT = "messaging.driftq.message.attempt";

	/** The message key (high cardinality; only with {@code observation-message-key}). */
	public static final String MESSAGE_KEY = "messaging.driftq.message.key";

	private DriftqObservationKeys() {
	}

}
