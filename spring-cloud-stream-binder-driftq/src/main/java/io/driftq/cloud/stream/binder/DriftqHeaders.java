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

/**
 * Message headers the DriftQ binder reads (producer) and writes (consumer). DriftQ
 * carries no arbitrary headers: only the key, the envelope fields and the delivery
 * metadata map to these.
 */
public final class DriftqHeaders {

	/** Prefix of every DriftQ header. */
	public static final String PREFIX = "driftq_";

	/** Message key (producer and consumer). */
	public static final String KEY = PREFIX + "key";

	/** Topic the message was consumed from. */
	public static final String TOPIC = PREFIX + "topic";

	/** Consumer group. */
	public static final String GROUP = PREFIX + "group";

	/** Partition the message was consumed from. */
	public static final String PARTITION = PREFIX + "partition";

	/** Offset of the message in its partition. */
	public static final String OFFSET = PREFIX + "offset";

	/** Broker delivery attempts so far (1 on the first delivery). */
	public static final String ATTEMPTS = PREFIX + "attempts";

	/** The broker's last error for this message, e.g. {@code ack_timeout}. */
	public static final String LAST_ERROR = PREFIX + "last_error";

	/** Envelope run id. */
	public static final String RUN_ID = PREFIX + "run_id";

	/** Envelope step id. */
	public static final String STEP_ID = PREFIX + "step_id";

	/** Envelope parent step id. */
	public static final String PARENT_STEP_ID = PREFIX + "parent_step_id";

	/** Envelope tenant id. */
	public static final String TENANT_ID = PREFIX + "tenant_id";

	/** Envelope idempotency key. */
	public static final String IDEMPOTENCY_KEY = PREFIX + "idempotency_key";

	/** Envelope target topic. */
	public static final String TARGET_TOPIC = PREFIX + "target_topic";

	/** Envelope deadline ({@link java.time.Instant}). */
	public static final String DEADLINE = PREFIX + "deadline";

	/**
	 * Envelope partition override: on the producer it overrides Spring Cloud Stream
	 * partitioning; on the consumer it is the override the message was produced with, if
	 * any.
	 */
	public static final String PARTITION_OVERRIDE = PREFIX + "partition_override";

	/**
	 * Routing label a server-side router attached to the message (consumer; absent when
	 * there is none).
	 */
	public static final String ROUTING_LABEL = PREFIX + "routing_label";

	/**
	 * Routing metadata ({@code Map<String, String>}) a server-side router attached to the
	 * message (consumer).
	 */
	public static final String ROUTING_META = PREFIX + "routing_meta";

	/**
	 * Envelope retry policy max attempts (producer); overrides the binding's
	 * {@code retry-max-attempts}; at least 2.
	 */
	public static final String RETRY_MAX_ATTEMPTS = PREFIX + "retry_max_attempts";

	/**
	 * Envelope retry policy back-off (producer): a {@link java.time.Duration},
	 * milliseconds, or text such as {@code 500ms}; overrides the binding's
	 * {@code retry-backoff}.
	 */
	public static final String RETRY_BACKOFF = PREFIX + "retry_backoff";

	/**
	 * Envelope retry policy back-off cap (producer), as {@link #RETRY_BACKOFF}; overrides
	 * {@code retry-max-backoff}.
	 */
	public static final String RETRY_MAX_BACKOFF = PREFIX + "retry_max_backoff";

	/**
	 * In-process attempts made in the failed delivery (on the {@code ErrorMessage}s of a
	 * consumer binding's error channel, next to the raw
	 * {@link io.driftq.client.model.ConsumedMessage} under {@code sourceData}).
	 */
	public static final String IN_PROCESS_ATTEMPTS = PREFIX + "in_process_attempts";

	private DriftqHeaders() {
	}

}
