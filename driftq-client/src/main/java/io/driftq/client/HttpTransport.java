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

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.driftq.client.WireFormat.ErrorBody;
import io.driftq.client.exception.DriftqException;
import io.driftq.client.exception.DriftqUnavailableException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * The two HTTP clients behind {@link DriftqClient}: a pooled one for short calls and a
 * non-reusing one for consume streams.
 * <p>
 * Why two: the server closes keep-alive connections after 5 s idle, so pooled connections
 * are retired after {@code idleEvictAfter} (below 5 s) and checked before reuse. A
 * consume stream the client abandons is mid-response, so stream connections are never
 * returned to a pool.
 */
final class HttpTransport implements AutoCloseable {

	/** A response whose body the caller reads and then closes. */
	record Answer(int status, @Nullable Header retryAfter, byte[] body) {
	}

	private final URI baseUri;

	private final CloseableHttpClient requestClient;

	private final CloseableHttpClient streamClient;

	private final RequestConfig requestConfig;

	private final RequestConfig streamConfig;

	/**
	 * The request paths (a handful of constants) resolved against the base URI once, not
	 * on every call.
	 */
	private final java.util.Map<String, URI> uris = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * Headers a caller may not set through a customizer: the client and the HTTP layer
	 * own them.
	 */
	private static final java.util.Set<String> RESERVED_HEADERS = java.util.Set.of("host", "content-type",
			"content-length", "connection", "transfer-encoding");

	private final java.util.List<DriftqRequestCustomizer> customizers;

	HttpTransport(URI baseUri, Duration connectTimeout, Duration requestTimeout, Duration streamReadTimeout,
			Duration idleEvictAfter, int maxConnections) {
		this(baseUri, connectTimeout, requestTimeout, streamReadTimeout, idleEvictAfter, maxConnections,
				java.util.List.of());
	}

	HttpTransport(URI baseUri, Duration connectTimeout, Duration requestTimeout, Duration streamReadTimeout,
			Duration idleEvictAfter, int maxConnections, java.util.List<DriftqRequestCustomizer> customizers) {
		this(baseUri, connectTimeout, requestTimeout, streamReadTimeout, idleEvictAfter, maxConnections, customizers,
				Duration.ofMillis(500));
	}

	/**
	 * @param validateAfterInactivity a pooled connection idle longer than this is checked
	 * before reuse; one idle for less is trusted (a server restarted within that time
	 * leaves it dead unnoticed)
	 */
	HttpTransport(URI baseUri, Duration connectTimeout, Duration requestTimeout, Duration streamReadTimeout,
			Duration idleEvictAfter, int maxConnections, java.util.List<DriftqRequestCustomizer> customizers,
			Duration validateAfterInactivity) {
		this.baseUri = baseUri;
		this.customizers = java.util.List.copyOf(customizers);
		ConnectionConfig connectionConfig = ConnectionConfig.custom()
			.setConnectTimeout(Timeout.of(connectTimeout))
			.setSocketTimeout(Timeout.of(requestTimeout))
			.setValidateAfterInactivity(TimeValue.ofMilliseconds(validateAfterInactivity.toMillis()))
			.build();
		PoolingHttpClientConnectionManager pooled = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(maxConnections)
			.setMaxConnPerRoute(maxConnections)
			.setDefaultConnectionConfig(connectionConfig)
			.build();
		TimeValue keepAlive = TimeValue.of(idleEvictAfter.toMillis(), TimeUnit.MILLISECONDS);
		this.requestClient = HttpClients.custom()
			.setConnectionManager(pooled)
			// A pooled connection idle longer than this is discarded instead of reused.
			.setKeepAliveStrategy((response, context) -> keepAlive)
			.evictIdleConnections(keepAlive)
			.evictExpiredConnections()
			.setRetryStrategy(new StaleConnectionRetryStrategy(() -> pooled.closeIdle(TimeValue.ZERO_MILLISECONDS)))
			.disableCookieManagement()
			.disableRedirectHandling()
			.build();
		this.requestConfig = RequestConfig.custom()
			.setConnectionRequestTimeout(Timeout.of(requestTimeout))
			.setResponseTimeout(Timeout.of(requestTimeout))
			.build();

		ConnectionConfig streamConnectionConfig = ConnectionConfig.custom()
			.setConnectTimeout(Timeout.of(connectTimeout))
			.setSocketTimeout(Timeout.of(streamReadTimeout))
			.build();
		PoolingHttpClientConnectionManager streams = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(Integer.MAX_VALUE)
			.setMaxConnPerRoute(Integer.MAX_VALUE)
			.setDefaultConnectionConfig(streamConnectionConfig)
			.build();
		this.streamClient = HttpClients.custom()
			.setConnectionManager(streams)
			.setConnectionReuseStrategy((request, response, context) -> false)
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableRedirectHandling()
			.build();
		this.streamConfig = RequestConfig.custom()
			.setConnectionRequestTimeout(Timeout.of(connectTimeout))
			.setResponseTimeout(Timeout.of(streamReadTimeout))
			.build();
	}

	URI baseUri() {
		return this.baseUri;
	}

	Answer get(String path) {
		return execute(new HttpGet(uri(path)));
	}

	Answer post(String path, Object body) {
		HttpPost post = new HttpPost(uri(path));
		post.setEntity(new ByteArrayEntity(WireFormat.MAPPER.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
		return execute(post);
	}

	private URI uri(String path) {
		URI uri = this.uris.get(path);
		if (uri == null) {
			uri = this.baseUri.resolve(path);
			if (this.uris.size() < 64) {
				this.uris.put(path, uri);
			}
		}
		return uri;
	}

	private Answer execute(HttpUriRequestBase request) {
		request.setConfig(this.requestConfig);
		customize(request);
		try {
			return this.requestClient.execute(request, (response) -> {
				byte[] body = (response.getEntity() != null) ? EntityUtils.toByteArray(response.getEntity())
						: new byte[0];
				return new Answer(response.getCode(), response.getFirstHeader(HttpHeaders.RETRY_AFTER), body);
			});
		}
		catch (IOException ex) {
			throw new DriftqUnavailableException(request.getMethod() + " " + request.getRequestUri() + " failed: " + ex,
					0, null, null, ex);
		}
	}

	/**
	 * Open a consume stream. The caller reads the body and closes the response.
	 * @param request the GET request (kept so that another thread can cancel it)
	 * @return the open response
	 */
	ClassicHttpResponse openStream(HttpGet request) {
		request.setConfig(this.streamConfig);
		customize(request);
		request.setHeader(HttpHeaders.CONNECTION, "close");
		try {
			return this.streamClient.executeOpen(null, request, null);
		}
		catch (IOException ex) {
			throw new DriftqUnavailableException("GET " + request.getRequestUri() + " failed: " + ex, 0, null, null,
					ex);
		}
	}

	private void customize(HttpUriRequestBase request) {
		if (this.customizers.isEmpty()) {
			return;
		}
		URI uri;
		try {
			uri = request.getUri();
		}
		catch (java.net.URISyntaxException ex) {
			throw new IllegalStateException("invalid request URI " + request.getRequestUri(), ex);
		}
		DriftqRequestCustomizer.Request view = new DriftqRequestCustomizer.Request() {

			@Override
			public String method() {
				return request.getMethod();
			}

			@Override
			public URI uri() {
				return uri;
			}

			@Override
			public void setHeader(String name, String value) {
				if (name == null || name.isBlank()) {
					throw new IllegalArgumentException("header name must not be blank");
				}
				if (RESERVED_HEADERS.contains(name.strip().toLowerCase(java.util.Locale.ROOT))) {
					throw new IllegalArgumentException("header '" + name + "' is set by the DriftQ client and cannot "
							+ "be set by a DriftqRequestCustomizer");
				}
				request.setHeader(name.strip(), java.util.Objects.requireNonNull(value, "value"));
			}

		};
		for (DriftqRequestCustomizer customizer : this.customizers) {
			customizer.customize(view);
		}
	}

	URI resolve(String pathAndQuery) {
		return this.baseUri.resolve(pathAndQuery);
	}

	static @Nullable ErrorBody errorBody(byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		try {
			return WireFormat.MAPPER.readValue(body, ErrorBody.class);
		}
		catch (JacksonException ex) {
			return new ErrorBody(null, new String(body, java.nio.charset.StandardCharsets.UTF_8).strip(), null, null);
		}
	}

	static DriftqException failure(String operation, int status, byte[] body) {
		return ErrorMapper.map(operation, status, errorBody(body));
	}

	@Override
	public void close() {
		closeQuietly(this.requestClient);
		closeQuietly(this.streamClient);
	}

	private static void closeQuietly(CloseableHttpClient client) {
		try {
			client.close();
		}
		catch (IOException ex) {
			// Nothing useful to do while shutting down.
		}
	}

}
