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

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

import io.driftq.client.HttpTransport.Answer;
import io.driftq.client.WireFormat.ErrorBody;
import io.driftq.client.exception.DriftqException;
import io.driftq.client.exception.DriftqOverloadedException;
import io.driftq.client.model.ProduceRequest;
import org.apache.hc.core5.http.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a produce and, while DriftQ answers 429 (partition full), sends it again after
 * the wait the server asks for ({@code retry_after_ms} in the body, else
 * {@code Retry-After}), within a bound: a number of retries, or a time (a deadline for
 * the whole call).
 */
final class ProduceSender {

	private static final Logger logger = LoggerFactory.getLogger(ProduceSender.class);

	/**
	 * Wait of a time-bounded produce when the server's 429 says nothing about when to
	 * retry: room freed by a consumer's ack should be noticed within about this. When the
	 * server asks ({@code retry_after_ms}, else {@code Retry-After}), its ask is honoured
	 * up to {@code maxRetryAfter}; DriftQ asks for 1 s.
	 */
	static final Duration MAX_BLOCKED_WAIT = Duration.ofSeconds(1);

	private final HttpTransport transport;

	private final Duration maxRetryAfter;

	private final LongAdder overloadRetryCount = new LongAdder();

	ProduceSender(HttpTransport transport, Duration maxRetryAfter) {
		this.transport = transport;
		this.maxRetryAfter = maxRetryAfter;
	}

	long overloadRetryCount() {
		return this.overloadRetryCount.sum();
	}

	/**
	 * Retry a 429 up to {@code overloadRetries} times, waiting what the server asks
	 * (capped by maxRetryAfter).
	 */
	void send(ProduceRequest request, int overloadRetries) {
		String operation = operation(request);
		for (int attempt = 1;; attempt++) {
			Answer answer = post(request);
			if (answer == null) {
				return;
			}
			ErrorBody body = HttpTransport.errorBody(answer.body());
			Duration retryAfter = retryAfter(answer.retryAfter(), body, Duration.ofSeconds(1), this.maxRetryAfter);
			String serverMessage = serverMessage(body);
			if (attempt > overloadRetries) {
				throw new DriftqOverloadedException(
						operation + " failed: partition full after " + attempt + " attempts ('" + serverMessage + "')",
						serverMessage, retryAfter, attempt);
			}
			logger.debug("{} answered 429 ({}), retrying in {}", operation, serverMessage, retryAfter);
			this.overloadRetryCount.increment();
			sleep(retryAfter);
		}
	}

	/**
	 * Retry a 429 until {@code maxBlock} has passed since the call began, each wait what
	 * the server asks (at most {@code maxRetryAfter}; {@link #MAX_BLOCKED_WAIT} when it
	 * does not say) and never past the deadline; one last try is made at the deadline.
	 */
	void send(ProduceRequest request, Duration maxBlock, BackPressureListener listener) {
		long start = System.nanoTime();
		long deadline = start + maxBlock.toNanos();
		Duration unasked = (this.maxRetryAfter.compareTo(MAX_BLOCKED_WAIT) < 0) ? this.maxRetryAfter : MAX_BLOCKED_WAIT;
		long blockedSince = 0;
		boolean blocked = false;
		try {
			for (int attempt = 1;; attempt++) {
				Answer answer = post(request);
				if (answer == null) {
					return;
				}
				long now = System.nanoTime();
				if (!blocked) {
					blocked = true;
					blockedSince = now;
					listener.blocked(request.topic());
				}
				ErrorBody body = HttpTransport.errorBody(answer.body());
				Duration retryAfter = retryAfter(answer.retryAfter(), body, unasked, this.maxRetryAfter);
				long left = deadline - now;
				if (left <= 0) {
					Duration waited = Duration.ofNanos(now - start);
					String serverMessage = serverMessage(body);
					throw new DriftqOverloadedException(
							operation(request) + " failed: partition full for " + seconds(waited) + " (max block "
									+ maxBlock + ", " + attempt + " attempts, '" + serverMessage + "')",
							serverMessage, retryAfter, attempt, waited);
				}
				this.overloadRetryCount.increment();
				sleep((retryAfter.toNanos() < left) ? retryAfter : Duration.ofNanos(left));
			}
		}
		finally {
			if (blocked) {
				listener.unblocked(request.topic(), Duration.ofNanos(System.nanoTime() - blockedSince));
			}
		}
	}

	/** Seconds with one decimal, e.g. {@code 2.0 s}. */
	static String seconds(Duration duration) {
		return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	/**
	 * @return {@code null} when the produce went through, the 429 answer otherwise
	 */
	private @Nullable Answer post(ProduceRequest request) {
		Answer answer = this.transport.post("v1/produce", request);
		if (answer.status() == 429) {
			return answer;
		}
		if (answer.status() / 100 != 2) {
			throw HttpTransport.failure(operation(request), answer.status(), answer.body());
		}
		return null;
	}

	private static String operation(ProduceRequest request) {
		return "produce to '" + request.topic() + "'";
	}

	private static @Nullable String serverMessage(@Nullable ErrorBody body) {
		if (body == null) {
			return null;
		}
		return (body.message() != null) ? body.message() : body.reason();
	}

	/**
	 * The wait a 429 asks for: {@code retry_after_ms} from the body (millisecond
	 * precision, newer servers and the pinned one send it), else the {@code Retry-After}
	 * header in seconds, else {@code unasked}; at most {@code cap}.
	 */
	static Duration retryAfter(@Nullable Header header, @Nullable ErrorBody body, Duration unasked, Duration cap) {
		Duration wait = unasked;
		if (body != null && body.retryAfterMs() != null && body.retryAfterMs() > 0) {
			wait = Duration.ofMillis(body.retryAfterMs());
		}
		else if (header != null) {
			try {
				wait = Duration.ofSeconds(Long.parseLong(header.getValue().trim()));
			}
			catch (NumberFormatException ex) {
				// An HTTP-date Retry-After is not used by DriftQ; keep the default.
			}
		}
		return (wait.compareTo(cap) > 0) ? cap : wait;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DriftqException("interrupted while waiting to retry a produce", 0, null, null, ex);
		}
	}

}
