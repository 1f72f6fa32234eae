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
import java.net.SocketException;

import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * Sends a request once more when its pooled connection turned out to be dead: the server
 * closed it without answering (typically because it restarted since the connection was
 * last used). Nothing else is retried here; 429 answers are retried by
 * {@link DriftqClient#produce} with the server's {@code Retry-After}.
 * <p>
 * A produce is included: when the server did process it and then died before answering,
 * the retry writes it a second time. Producers that cannot accept that attach an
 * idempotency key, which makes the server drop the copy.
 * <p>
 * Before the retry, {@code onStaleConnection} runs: the other idle pooled connections
 * date from the same server process and are dead too, so they are closed and the retry
 * opens a fresh connection instead of meeting the next dead one.
 */
final class StaleConnectionRetryStrategy implements HttpRequestRetryStrategy {

	private final Runnable onStaleConnection;

	StaleConnectionRetryStrategy() {
		this(() -> {
		});
	}

	StaleConnectionRetryStrategy(Runnable onStaleConnection) {
		this.onStaleConnection = onStaleConnection;
	}

	@Override
	public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
		boolean retry = execCount <= 1 && (exception instanceof NoHttpResponseException
				|| exception instanceof SocketException && !(exception instanceof java.net.ConnectException));
		if (retry) {
			this.onStaleConnection.run();
		}
		return retry;
	}

	@Override
	public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
		return false;
	}

	@Override
	public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
		return TimeValue.ZERO_MILLISECONDS;
	}

}
