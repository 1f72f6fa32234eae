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

package io.driftq.demo.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Zipkin v2 span receiver in the test's JVM (a JDK {@link HttpServer} on loopback):
 * takes {@code POST /api/v2/spans} with a JSON list of spans, gunzipped when
 * {@code Content-Encoding: gzip} (Zipkin's reporter compresses larger batches), answers
 * 202 as Zipkin does and keeps every span. Anything else is a 404 and is counted too, so
 * a test can tell that nothing was sent at all.
 */
final class ZipkinReceiver implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final List<JsonNode> spans = new ArrayList<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final List<String> failures = new ArrayList<>();

	ZipkinReceiver() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())
					|| !"/api/v2/spans".equals(exchange.getRequestURI().getPath())) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			byte[] body;
			try (InputStream in = decoded(exchange)) {
				body = in.readAllBytes();
			}
			try {
				List<JsonNode> received = new ArrayList<>();
				JSON.readTree(body).forEach(received::add);
				synchronized (this.spans) {
					this.spans.addAll(received);
				}
				exchange.sendResponseHeaders(202, -1);
			}
			catch (RuntimeException ex) {
				synchronized (this.failures) {
					this.failures.add(ex.toString());
				}
				exchange.sendResponseHeaders(400, -1);
			}
		}
	}

	private static InputStream decoded(HttpExchange exchange) throws IOException {
		String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
		InputStream body = exchange.getRequestBody();
		return (encoding != null && encoding.equalsIgnoreCase("gzip")) ? new GZIPInputStream(body) : body;
	}

	/** What to give {@code management.tracing.export.zipkin.endpoint}. */
	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/api/v2/spans";
	}

	/** Every span received so far. */
	List<JsonNode> spans() {
		synchronized (this.spans) {
			return List.copyOf(this.spans);
		}
	}

	/** The spans of one trace received so far. */
	List<JsonNode> trace(String traceId) {
		return spans().stream().filter((span) -> traceId.equals(span.path("traceId").asString())).toList();
	}

	/** HTTP requests received so far, spans or not. */
	int requests() {
		return this.requests.get();
	}

	/** Bodies that were not a JSON list of spans. */
	List<String> failures() {
		synchronized (this.failures) {
			return List.copyOf(this.failures);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
