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
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An in-JVM HTTP server answering like a newer DriftQ-Core (1.3), from the recorded
 * bodies in {@code src/test/resources/driftq-1.3}. Each path answers with its scripted
 * answers in turn, then with its default; every request is recorded. For unit tests of
 * the client's adaptation to that API; not a broker.
 */
final class Driftq13Server implements AutoCloseable {

	/** One scripted answer. */
	record Reply(int status, String body, Map<String, String> headers) {

		static Reply of(int status, String body) {
			return new Reply(status, body, Map.of());
		}

	}

	/** One request as received. */
	record Received(String method, String path, String query, Map<String, String> headers, String body, long nanoTime) {

		String header(String name) {
			return this.headers.get(name.toLowerCase(java.util.Locale.ROOT));
		}

	}

	private final HttpServer server;

	private final Map<String, Deque<Reply>> scripted = new ConcurrentHashMap<>();

	private final Map<String, Reply> defaults = new ConcurrentHashMap<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	Driftq13Server() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.defaults.put("/v1/config", Reply.of(200, recorded("config.json")));
		this.defaults.put("/v1/produce", Reply.of(200, "{\"status\":\"produced\",\"topic\":\"t\"}"));
		this.defaults.put("/v1/ack", Reply.of(204, ""));
		this.defaults.put("/v1/ack-cumulative", Reply.of(204, ""));
		this.defaults.put("/v1/nack", Reply.of(204, ""));
		this.defaults.put("/v1/topics", Reply.of(201, "{\"status\":\"created\",\"name\":\"orders\",\"partitions\":2}"));
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static String recorded(String name) {
		try (InputStream in = Driftq13Server.class.getResourceAsStream("/driftq-1.3/" + name)) {
			if (in == null) {
				throw new IllegalStateException("no recorded answer " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Answer the next request to {@code path} with {@code reply} (before later scripted
	 * ones and the default).
	 */
	Driftq13Server then(String path, Reply reply) {
		this.scripted.computeIfAbsent(path, (p) -> new ArrayDeque<>()).add(reply);
		return this;
	}

	/**
	 * Answer every request to {@code path} with {@code reply} once the scripted ones are
	 * used.
	 */
	Driftq13Server always(String path, Reply reply) {
		this.defaults.put(path, reply);
		return this;
	}

	List<Received> received(String path) {
		return this.received.stream().filter((r) -> r.path().equals(path)).collect(Collectors.toList());
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Map<String, String> headers = exchange.getRequestHeaders()
				.entrySet()
				.stream()
				.collect(Collectors.toMap((e) -> e.getKey().toLowerCase(java.util.Locale.ROOT),
						(e) -> String.join(",", e.getValue()), (a, b) -> a));
			this.received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getQuery(),
					headers, body, System.nanoTime()));
			Reply reply = next(path);
			reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
			if (bytes.length > 0) {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
			}
			exchange.getResponseHeaders().add("X-Trace-Id", "0123456789abcdef0123456789abcdef");
			exchange.sendResponseHeaders(reply.status(), (bytes.length > 0) ? bytes.length : -1);
			if (bytes.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(bytes);
				}
			}
		}
	}

	private Reply next(String path) {
		Deque<Reply> queue = this.scripted.get(path);
		Reply reply = (queue != null) ? queue.poll() : null;
		if (reply != null) {
			return reply;
		}
		return this.defaults.getOrDefault(path, Reply.of(404, "404 page not found"));
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
