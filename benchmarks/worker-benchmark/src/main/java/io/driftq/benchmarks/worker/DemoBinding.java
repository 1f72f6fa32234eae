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

package io.driftq.benchmarks.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo worker's effective binding concurrency, read from its
 * {@code /actuator/bindings}.
 */
final class DemoBinding {

	/**
	 * The operator's password the benchmark gives its demo workers (role SIDEFX_OPERATOR
	 * reads the bindings).
	 */
	static final String OPERATOR_PASSWORD = "benchmark-operator";

	private static final Pattern CONCURRENCY = Pattern.compile("\"concurrency\"\\s*:\\s*(\\d+)");

	private DemoBinding() {
	}

	/**
	 * @param port the worker's actuator port
	 * @return the command binding's {@code concurrency}, or -1 when the endpoint does not
	 * say
	 */
	static int concurrency(int port) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/bindings"))
			.timeout(Duration.ofSeconds(5))
			.header("Authorization", "Basic " + java.util.Base64.getEncoder()
				.encodeToString(("operator:" + OPERATOR_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.build();
		try {
			String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
			Matcher matcher = CONCURRENCY.matcher(body);
			return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
