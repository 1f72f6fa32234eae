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

package io.driftq.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Configures a {@link DriftqClient}. Every setting has a default suited to a local
 * server.
 */
public final class DriftqClientBuilder {

	private final URI baseUri;

	private Duration connectTimeout = Duration.ofSeconds(2);

	private Duration requestTimeout = Duration.ofSeconds(10);

	private Duration streamReadTimeout = Duration.ofSeconds(30);

	private Duration idleConnectionTimeout = Duration.ofSeconds(3);

	private int maxConnections = 64;

	private int overloadRetries = 5;

	private Duration maxRetryAfter = Duration.ofSeconds(5);

	private final java.util.List<DriftqRequestCustomizer> requestCustomizers = new java.util.ArrayList<>();

	DriftqClientBuilder(String baseUrl) {
		Objects.requireNonNull(baseUrl, "baseUrl");
		URI uri;
		try {
			uri = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("invalid DriftQ base URL '" + baseUrl + "': " + ex.getMessage(), ex);
		}
		if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
			throw new IllegalArgumentException(
					"invalid DriftQ base URL '" + baseUrl + "': expected http(s)://host[:port]");
		}
		this.baseUri = uri;
	}

	/**
	 * Time allowed to open a TCP connection. Default 2 s.
	 * @param connectTimeout the timeout
	 * @return this builder
	 */
	public DriftqClientBuilder connectTimeout(Duration connectTimeout) {
		this.connectTimeout = positive(connectTimeout, "connectTimeout");
		return this;
	}

	/**
	 * Time allowed for a request other than consume to answer. Default 10 s.
	 * @param requestTimeout the timeout
	 * @return this builder
	 */
	public DriftqClientBuilder requestTimeout(Duration requestTimeout) {
		this.requestTimeout = positive(requestTimeout, "requestTimeout");
		return this;
	}

	/**
	 * Longest silence on a consume stream before the client closes it and opens a new
	 * one. The server sends no heartbeat, so an idle stream is silent; reopening bounds
	 * how long a half-open connection can go unnoticed. Default 30 s.
	 * @param streamIdleTimeout the timeout
	 * @return this builder
	 */
	public DriftqClientBuilder streamIdleTimeout(Duration streamIdleTimeout) {
		this.streamReadTimeout = positive(streamIdleTimeout, "streamIdleTimeout");
		return this;
	}

	/**
	 * How long a pooled connection may sit idle before it is discarded. The server closes
	 * idle keep-alive connections after 5 s, so this must stay below that. Default 3 s.
	 * @param idleConnectionTimeout the idle time
	 * @return this builder
	 */
	public DriftqClientBuilder idleConnectionTimeout(Duration idleConnectionTimeout) {
		this.idleConnectionTimeout = positive(idleConnectionTimeout, "idleConnectionTimeout");
		if (idleConnectionTimeout.compareTo(Duration.ofMillis(4500)) > 0) {
			throw new IllegalArgumentException("idleConnectionTimeout must be at most 4.5s (the server closes idle "
					+ "connections after 5s), was " + idleConnectionTimeout);
		}
		return this;
	}

	/**
	 * Pooled connections for requests other than consume. Default 64.
	 * @param maxConnections the pool size
	 * @return this builder
	 */
	public DriftqClientBuilder maxConnections(int maxConnections) {
		if (maxConnections < 1) {
			throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
		}
		this.maxConnections = maxConnections;
		return this;
	}

	/**
	 * Retries of a produce answered 429 (partition full) before giving up. Default 5.
	 * @param overloadRetries the retries, 0 to fail at once
	 * @return this builder
	 */
	public DriftqClientBuilder overloadRetries(int overloadRetries) {
		if (overloadRetries < 0) {
			throw new IllegalArgumentException("overloadRetries must not be negative, was " + overloadRetries);
		}
		this.overloadRetries = overloadRetries;
		return this;
	}

	/**
	 * Upper bound on the wait between 429 retries, whatever {@code Retry-After} says.
	 * Default 5 s.
	 * @param maxRetryAfter the cap
	 * @return this builder
	 */
	public DriftqClientBuilder maxRetryAfter(Duration maxRetryAfter) {
		this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
		return this;
	}

	/**
	 * Add a hook that sets extra headers on every request (for example
	 * {@code traceparent}); hooks run in the order they were added. See
	 * {@link DriftqRequestCustomizer}.
	 * @param customizer the hook
	 * @return this builder
	 */
	public DriftqClientBuilder requestCustomizer(DriftqRequestCustomizer customizer) {
		this.requestCustomizers.add(Objects.requireNonNull(customizer, "customizer"));
		return this;
	}

	/**
	 * Build the client.
	 * @return a new client; close it when done
	 */
	public DriftqClient build() {
		HttpTransport transport = new HttpTransport(this.baseUri, this.connectTimeout, this.requestTimeout,
				this.streamReadTimeout, this.idleConnectionTimeout, this.maxConnections, this.requestCustomizers);
		return new DriftqClient(transport, this.overloadRetries, this.maxRetryAfter, this.streamReadTimeout);
	}

	private static Duration positive(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + duration);
		}
		return duration;
	}

}
