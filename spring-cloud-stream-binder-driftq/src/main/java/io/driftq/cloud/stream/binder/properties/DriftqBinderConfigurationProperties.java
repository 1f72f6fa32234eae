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

package io.driftq.cloud.stream.binder.properties;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Binder-wide DriftQ settings ({@code spring.cloud.stream.driftq.binder.*}).
 */
@ConfigurationProperties("spring.cloud.stream.driftq.binder")
public class DriftqBinderConfigurationProperties {

	/**
	 * Base URL of the DriftQ server, http or https. When not set, the DRIFTQ_HTTP_URL
	 * property or environment variable is used, else http://localhost:8080.
	 */
	private String url = "http://localhost:8080";

	/** Whether the binder creates topics for bindings. */
	private boolean autoCreateTopics = true;

	/** Timeout of a single (non-consume) request to the server. */
	private Duration requestTimeout = Duration.ofSeconds(10);

	/**
	 * How many times a produce the binder makes itself (dead-letter records, re-published
	 * deferred messages) is retried when answered with 429, honouring Retry-After, before
	 * failing. Producer bindings wait for room up to their producer max-block instead.
	 */
	private int overloadRetries = 5;

	/**
	 * Whether the binder observes every send (a producer observation) and every delivery
	 * to a consumer binding, push or polled (a consumer observation), with the
	 * application's ObservationRegistry, and propagates the trace context with the
	 * embedded headers. Needs an ObservationRegistry bean (Spring Boot's actuator).
	 */
	private boolean enableObservation = false;

	/**
	 * Whether the binder's observations carry the message key as a high-cardinality key
	 * (messaging.driftq.message.key). Off because keys are often business identifiers.
	 */
	private boolean observationMessageKey = false;

	/**
	 * Whether byte[] payloads under application/json pass Spring Cloud Function's message
	 * conversion unchanged where its JSON converters would end with the same bytes (into
	 * a byte[] from a JSON object, out of a byte[]), instead of Jackson failing with an
	 * exception on every message. Applies to all bindings of the application.
	 */
	private boolean jsonByteArrayPassThrough = true;

	/** What the binder's health indicator counts as a stalled binding. */
	private final Health health = new Health();

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public boolean isAutoCreateTopics() {
		return this.autoCreateTopics;
	}

	public void setAutoCreateTopics(boolean autoCreateTopics) {
		this.autoCreateTopics = autoCreateTopics;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public int getOverloadRetries() {
		return this.overloadRetries;
	}

	public void setOverloadRetries(int overloadRetries) {
		this.overloadRetries = overloadRetries;
	}

	public boolean isEnableObservation() {
		return this.enableObservation;
	}

	public void setEnableObservation(boolean enableObservation) {
		this.enableObservation = enableObservation;
	}

	public boolean isObservationMessageKey() {
		return this.observationMessageKey;
	}

	public void setObservationMessageKey(boolean observationMessageKey) {
		this.observationMessageKey = observationMessageKey;
	}

	public boolean isJsonByteArrayPassThrough() {
		return this.jsonByteArrayPassThrough;
	}

	public void setJsonByteArrayPassThrough(boolean jsonByteArrayPassThrough) {
		this.jsonByteArrayPassThrough = jsonByteArrayPassThrough;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * Settings of the binder's health indicator
	 * ({@code spring.cloud.stream.driftq.binder.health.*}).
	 */
	public static class Health {

		/**
		 * How long a consumer binding may hold unsettled messages without settling any,
		 * or a producer's sends may wait for room in a full partition, before health
		 * reports OUT_OF_SERVICE; also how long a refused dead-letter record or a send
		 * that gave up keeps it there. Must be positive.
		 */
		private Duration stallTimeout = Duration.ofSeconds(60);

		public Duration getStallTimeout() {
			return this.stallTimeout;
		}

		public void setStallTimeout(Duration stallTimeout) {
			this.stallTimeout = stallTimeout;
		}

	}

}
