package io.driftq.benchmarks.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The demo worker's effective binding concurrency, read from its {@code /actuator/bindings}. */
final class DemoBinding {

	private static final Pattern CONCURRENCY = Pattern.compile("\"concurrency\"\\s*:\\s*(\\d+)");

	private DemoBinding() {
	}

	/**
	 * @param port the worker's actuator port
	 * @return the command binding's {@code concurrency}, or -1 when the endpoint does not say
	 */
	static int concurrency(int port) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/bindings"))
			.timeout(Duration.ofSeconds(5))
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
