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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.driftq.client.DriftqClient;
import io.driftq.client.model.ProduceRequest;
import io.driftq.test.DriftqServer;

/**
 * The real driftqd seen from outside the worker: another service publishing, and its
 * {@code /metrics}.
 */
final class DriftqBroker {

	static final String TOPIC = "payments.commands";

	static final String GROUP = "payments-worker";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private DriftqBroker() {
	}

	static ChargeOnceScenario.Publisher publisher(DriftqClient client) {
		client.createTopic(TOPIC, 1);
		return (key, json) -> client.produce(new ProduceRequest(TOPIC, key, json, null));
	}

	/**
	 * Whether the worker's group has acked everything: no lag and nothing in flight on
	 * any partition.
	 */
	static boolean drained(DriftqServer server) {
		try {
			String metrics = HTTP
				.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			boolean seen = false;
			Matcher gauge = Pattern.compile("^(consumer_lag|inflight_messages)\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE)
				.matcher(metrics);
			while (gauge.find()) {
				if (gauge.group(2).contains("topic=\"" + TOPIC + "\"")
						&& gauge.group(2).contains("group=\"" + GROUP + "\"")) {
					seen |= gauge.group(1).equals("consumer_lag");
					if (Double.parseDouble(gauge.group(3)) != 0) {
						return false;
					}
				}
			}
			return seen;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
