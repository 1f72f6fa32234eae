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

package io.driftq.client.contract;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stream lifetime, the NDJSON format, reconnecting without loss, and reuse of idle pooled
 * connections.
 */
@DriftqServerTest
class StreamContractTests {

	private DriftqServer server;

	private DriftqClient client;

	private String topic;

	@BeforeEach
	void setUp(DriftqServer server) {
		this.server = server;
		this.client = DriftqClient.builder(server.baseUrl()).build();
		this.topic = "stream-" + UUID.randomUUID();
		this.client.createTopic(this.topic, 1);
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	/**
	 * Fact 1 (research: a stream ends ~5 s after it starts): refuted on the pinned build.
	 * An idle stream is still open after 5 s, sends no headers before its first item, and
	 * delivers a message produced later on the same stream. Fact 2: items are single JSON
	 * lines with no heartbeat or blank line between them.
	 */
	@Test
	void idleStreamStaysOpenPastFiveSecondsAndDeliversLaterMessages() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /v1/consume?topic=" + this.topic + "&group=g&owner=o HTTP/1.1\r\nHost: x\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			long start = System.nanoTime();
			CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> readStatusLine(socket));
			// Nothing at all (not even headers) arrives while the stream is idle, well
			// past the 5 s read timeout.
			await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).until(() -> !firstLine.isDone());
			this.client.produce(this.topic, null, "late");
			assertThat(firstLine.get(10, TimeUnit.SECONDS)).isEqualTo("HTTP/1.1 200 OK");
			assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isGreaterThanOrEqualTo(6);
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String line;
			boolean chunked = false;
			while (!(line = reader.readLine()).isEmpty()) {
				chunked |= line.equalsIgnoreCase("Transfer-Encoding: chunked");
				if (line.toLowerCase().startsWith("content-type")) {
					assertThat(line).contains("application/x-ndjson");
				}
			}
			assertThat(chunked).isTrue();
			reader.readLine(); // chunk size
			String item = reader.readLine();
			assertThat(item).startsWith("{").endsWith("}").contains("\"value\":\"late\"").contains("\"attempts\":1");
		}
	}

	/**
	 * Continuous consume over many stream lifetimes loses nothing: 1 000 messages, the
	 * subscription closed and reopened (same owner) every 100 messages, every message
	 * acked; all 1 000 arrive and some arrive twice only when a stream closed with
	 * messages staged to it.
	 */
	@Test
	void reconnectingSubscriptionLosesNothingOverAThousandMessages() throws Exception {
		int total = 1000;
		String owner = "owner-" + UUID.randomUUID();
		Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
		int redelivered = 0;
		CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < total; i++) {
				this.client.produce(this.topic, null, "m-" + i);
			}
		});
		ConsumeOptions options = ConsumeOptions.builder(this.topic, "g").owner(owner).build();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (seen.size() < total && System.nanoTime() < deadline) {
			try (var subscription = this.client.subscribe(options)) {
				int taken = 0;
				while (taken < 100 && seen.size() < total && System.nanoTime() < deadline) {
					ConsumedMessage message = subscription.poll(Duration.ofSeconds(1));
					if (message == null) {
						continue;
					}
					taken++;
					if (!seen.add(message.value())) {
						redelivered++;
					}
					try {
						this.client.ack(message);
					}
					catch (io.driftq.client.exception.DriftqSettledElsewhereException ex) {
						// Already acked through an earlier delivery of the same message.
					}
				}
			}
		}
		producer.get(60, TimeUnit.SECONDS);
		Set<String> expected = new HashSet<>();
		for (int i = 0; i < total; i++) {
			expected.add("m-" + i);
		}
		assertThat(seen).isEqualTo(expected);
		assertThat(redelivered).isLessThan(total / 10);
	}

	/**
	 * Fact 20 (the server closes idle keep-alive connections after 5 s): confirmed with a
	 * raw socket, and the client's pooled connection that went idle at the same time is
	 * not reused afterwards: the next call succeeds.
	 */
	@Test
	void idlePooledConnectionIsNotReusedAfterServerCloseIt() throws Exception {
		assertThat(this.client.listTopics()).contains(this.topic);
		try (Socket probe = new Socket("127.0.0.1", this.server.port())) {
			probe.setSoTimeout(20_000);
			probe.getOutputStream()
				.write("GET /v1/healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			long idleSince = System.nanoTime();
			var in = probe.getInputStream();
			byte[] buffer = new byte[4096];
			int read;
			int total = 0;
			while ((read = in.read(buffer)) > 0) {
				total += read;
			}
			long idleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - idleSince);
			assertThat(total).isPositive();
			assertThat(read).isEqualTo(-1);
			assertThat(idleMillis).isBetween(4500L, 8000L);
		}
		for (int i = 0; i < 20; i++) {
			assertThat(this.client.listTopics()).contains(this.topic);
			this.client.produce(this.topic, null, "after-idle-" + i);
		}
		assertThat(this.client.isHealthy()).isTrue();
	}

	private static String readStatusLine(Socket socket) {
		try {
			StringBuilder line = new StringBuilder();
			int c;
			var in = socket.getInputStream();
			while ((c = in.read()) != -1 && c != '\n') {
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
