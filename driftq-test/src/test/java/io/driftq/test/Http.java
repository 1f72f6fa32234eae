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

package io.driftq.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Minimal blocking HTTP calls for the tests, each on its own connection with bounded
 * timeouts.
 */
final class Http {

	private static final int TIMEOUT_MILLIS = 5000;

	private Http() {
	}

	static Response get(String url) throws IOException {
		return call("GET", url, null);
	}

	static Response post(String url, String json) throws IOException {
		return call("POST", url, json);
	}

	/**
	 * Read the first line of a streamed (NDJSON) answer, waiting at most {@code timeout}
	 * between bytes, then drop the connection.
	 */
	static String firstLine(String url, Duration timeout) throws IOException {
		HttpURLConnection connection = open("GET", url);
		connection.setReadTimeout((int) timeout.toMillis());
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
			return reader.readLine();
		}
		finally {
			connection.disconnect();
		}
	}

	private static Response call(String method, String url, String json) throws IOException {
		HttpURLConnection connection = open(method, url);
		try {
			if (json != null) {
				connection.setDoOutput(true);
				connection.setRequestProperty("Content-Type", "application/json");
				try (OutputStream out = connection.getOutputStream()) {
					out.write(json.getBytes(StandardCharsets.UTF_8));
				}
			}
			int status = connection.getResponseCode();
			InputStream stream = (status < 400) ? connection.getInputStream() : connection.getErrorStream();
			String body = (stream != null) ? new String(stream.readAllBytes(), StandardCharsets.UTF_8) : "";
			return new Response(status, body);
		}
		finally {
			connection.disconnect();
		}
	}

	private static HttpURLConnection open(String method, String url) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
		connection.setRequestMethod(method);
		connection.setConnectTimeout(TIMEOUT_MILLIS);
		connection.setReadTimeout(TIMEOUT_MILLIS);
		// Never reuse a pooled connection: a server restart leaves dead ones behind
		connection.setRequestProperty("Connection", "close");
		return connection;
	}

	record Response(int status, String body) {

	}

}
