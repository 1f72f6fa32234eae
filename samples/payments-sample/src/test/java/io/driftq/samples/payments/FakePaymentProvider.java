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

package io.driftq.samples.payments;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A payment provider on loopback that deduplicates on the {@code Idempotency-Key} header,
 * as Stripe does: the first call with a key charges, later calls with it get the same
 * charge back. It counts every call, and the keys each order was called with, so that a
 * test can tell "charged once" from "called once".
 */
final class FakePaymentProvider implements AutoCloseable {

	private static final Pattern ORDER = Pattern.compile("\"order\":\"([^\"]*)\"");

	private final HttpServer server;

	private final Duration latency;

	private final AtomicInteger calls = new AtomicInteger();

	private final Map<String, String> chargeByKey = new ConcurrentHashMap<>();

	private final Map<String, Set<String>> keysByOrder = new ConcurrentHashMap<>();

	FakePaymentProvider(Duration latency) throws IOException {
		this.latency = latency;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/charges", this::charge);
		this.server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void charge(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			String json = new String(body.readAllBytes(), StandardCharsets.UTF_8);
			String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
			Matcher order = ORDER.matcher(json);
			if (key == null || !order.find()) {
				respond(exchange, 400, "missing Idempotency-Key or order");
				return;
			}
			this.calls.incrementAndGet();
			this.keysByOrder.computeIfAbsent(order.group(1), (o) -> ConcurrentHashMap.newKeySet()).add(key);
			Thread.sleep(this.latency.toMillis());
			String charge = this.chargeByKey.computeIfAbsent(key, (k) -> "ch_" + this.chargeByKey.size());
			respond(exchange, 200, charge);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	/** Calls made, duplicates included. */
	int calls() {
		return this.calls.get();
	}

	/** Charges made: one per distinct idempotency key. */
	int charges() {
		return this.chargeByKey.size();
	}

	/**
	 * The idempotency keys each order was charged with: one key per order means one
	 * charge per order.
	 */
	Map<String, Set<String>> keysByOrder() {
		return Map.copyOf(this.keysByOrder);
	}

	@Override
	public void close() {
		this.server.stop(0);
		((java.util.concurrent.ExecutorService) this.server.getExecutor()).shutdownNow();
	}

}
