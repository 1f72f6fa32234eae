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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a {@code driftqd} over its HTTP API whether it is healthy
 * ({@code GET /v1/healthz}) and which version it runs ({@code GET /v1/version}).
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 */
final class ServerProbe {

	private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]*)\"");

	private static final HttpClient httpClient = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(1))
		.build();

	private ServerProbe() {
	}

	/**
	 * Return whether the server answers 200 on {@code /v1/healthz}; not answering at all
	 * counts as unhealthy.
	 * @param baseUrl the server's base URL
	 * @return {@code true} if it is healthy
	 */
	static boolean isHealthy(String baseUrl) {
		try {
			return get(baseUrl, "/v1/healthz", Duration.ofSeconds(1)).statusCode() == 200;
		}
		catch (UncheckedIOException ex) {
			return false;
		}
	}

	/**
	 * Return the {@code version} field of {@code GET /v1/version}.
	 * @param baseUrl the server's base URL
	 * @return the version
	 * @throws IllegalStateException if the server does not answer as expected
	 */
	static String version(String baseUrl) {
		HttpResponse<String> response = get(baseUrl, "/v1/version", Duration.ofSeconds(5));
		Matcher matcher = VERSION.matcher(response.body());
		if (response.statusCode() != 200 || !matcher.find()) {
			throw new IllegalStateException(
					"Unexpected answer to GET /v1/version: " + response.statusCode() + " " + response.body());
		}
		return matcher.group(1);
	}

	private static HttpResponse<String> get(String baseUrl, String path, Duration timeout) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout).GET().build();
		try {
			return httpClient.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while calling " + path, ex);
		}
	}

}
