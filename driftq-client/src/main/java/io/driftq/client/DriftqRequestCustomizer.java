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

import java.net.URI;

/**
 * Adds headers to every HTTP request a {@link DriftqClient} sends (produce, consume
 * streams, acks, topic and discovery calls), for example a W3C {@code traceparent} so
 * that a DriftQ server with tracing joins the caller's trace, or an {@code X-Trace-Id},
 * which newer servers echo on their answer. Register with
 * {@link DriftqClientBuilder#requestCustomizer(DriftqRequestCustomizer)}.
 * <p>
 * Called on the thread that sends the request: the caller's thread for produce, ack, nack
 * and topic calls, a subscription's reader thread for its consume streams (once per
 * stream). Must be thread-safe and quick; an exception it throws fails the request.
 */
@FunctionalInterface
public interface DriftqRequestCustomizer {

	/**
	 * Add headers to a request about to be sent.
	 * @param request the request
	 */
	void customize(Request request);

	/** The request being customized. */
	interface Request {

		/**
		 * The HTTP method.
		 * @return {@code GET} or {@code POST}
		 */
		String method();

		/**
		 * The full URI, with query.
		 * @return the URI
		 */
		URI uri();

		/**
		 * Set a header, replacing one of the same name a previous customizer set. Headers
		 * the client owns ({@code Host}, {@code Content-Type}, {@code Content-Length},
		 * {@code Connection}, {@code Transfer-Encoding}) cannot be set.
		 * @param name the header name
		 * @param value the value
		 * @throws IllegalArgumentException for a header the client owns or a blank name
		 */
		void setHeader(String name, String value);

	}

}
