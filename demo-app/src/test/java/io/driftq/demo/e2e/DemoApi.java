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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The demo's HTTP API as a test sees it: plain {@code java.net.http} and JSON trees. */
final class DemoApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final String authorization;

	DemoApi(String baseUrl) {
		this(baseUrl, null);
	}

	private DemoApi(String baseUrl, String authorization) {
		this.baseUrl = baseUrl;
		this.authorization = authorization;
	}

	/** The same API, each request with HTTP Basic credentials. */
	DemoApi as(String user, String password) {
		return new DemoApi(this.baseUrl, basic(user, password));
	}

	/** The value of an {@code Authorization} header for HTTP Basic. */
	static String basic(String user, String password) {
		return "Basic " + java.util.Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** {@code POST /runs}; returns the run id. */
	String startRun(Map<String, Object> request) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/runs"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))));
		if (response.statusCode() != 200) {
			throw new IllegalStateException("POST /runs answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body()).get("run_id").asString();
	}

	/**
	 * {@code POST /runs}, sent again after a 502 or no answer (a broker restart) until
	 * {@code timeout}: a 502 means the run was not kept, so sending again cannot make a
	 * second run.
	 */
	String startRunRetrying(Map<String, Object> request, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			try {
				return startRun(request);
			}
			catch (RuntimeException ex) {
				if (System.nanoTime() > deadline
						|| (ex.getMessage() != null && ex.getMessage().contains("answered 4"))) {
					throw ex;
				}
				try {
					Thread.sleep(250);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	HttpResponse<String> post(String path, String body) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	JsonNode getJson(String path) {
		HttpResponse<String> response = get(path);
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"GET " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	/** The run's status word, or {@code null} while the API does not know it. */
	String runStatus(String runId) {
		HttpResponse<String> response = get("/runs/" + runId);
		return (response.statusCode() == 200) ? JSON.readTree(response.body()).get("status").asString() : null;
	}

	/**
	 * Reads the run's Server-Sent Events until an event of type {@code lastType}
	 * (inclusive).
	 * @return the events, {@code sse.connected} first
	 */
	List<JsonNode> eventsUntil(String runId, String lastType, Duration timeout) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri("/runs/" + runId + "/events?client_id=test"))
			.timeout(timeout)
			.header("Accept", "text/event-stream");
		if (this.authorization != null) {
			builder.header("Authorization", this.authorization);
		}
		HttpRequest request = builder.build();
		List<JsonNode> events = new ArrayList<>();
		try {
			HttpResponse<java.io.InputStream> response = this.http.send(request,
					HttpResponse.BodyHandlers.ofInputStream());
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					if (line.startsWith("data: ")) {
						JsonNode event = JSON.readTree(line.substring("data: ".length()));
						events.add(event);
						if (lastType.equals(event.get("type").asString())) {
							return events;
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("events of " + runId + " so far: " + types(events), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw new IllegalStateException(
				"event stream of " + runId + " ended before " + lastType + ": " + types(events));
	}

	static List<String> types(List<JsonNode> events) {
		return events.stream().map((e) -> e.get("type").asString()).toList();
	}

	HttpResponse<String> send(HttpRequest.Builder builder) {
		if (this.authorization != null) {
			builder.header("Authorization", this.authorization);
		}
		try {
			return this.http.send(builder.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	URI uri(String path) {
		return URI.create(this.baseUrl + path);
	}

}
