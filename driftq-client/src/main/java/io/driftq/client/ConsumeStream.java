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
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.driftq.client.WireFormat.ConsumeItem;
import io.driftq.client.exception.DriftqUnavailableException;
import io.driftq.client.model.ConsumedMessage;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;

/**
 * One {@code /v1/consume} request. The server streams NDJSON items, one per line, with no
 * heartbeat; it sends no response headers before the first item. The server keeps the
 * stream open; it ends when the server stops, when something in between cuts it, or when
 * the client ends it after the configured idle timeout, and the caller then opens the
 * next one. Each stream uses a fresh connection that is closed afterwards.
 */
final class ConsumeStream {

	private final HttpTransport transport;

	private final ConsumeOptions options;

	ConsumeStream(HttpTransport transport, ConsumeOptions options) {
		this.transport = transport;
		this.options = options;
	}

	/**
	 * Read the stream to its end.
	 * @param handler called per message; {@code false} stops reading
	 * @param onOpen called with the request before it is sent, so another thread can
	 * cancel it; may be {@code null}
	 * @param onEstablished called once the server answered 200 (at the first message or
	 * at the end of an empty stream, since the server sends no headers before either);
	 * may be {@code null}
	 * @return messages handed over
	 */
	int run(Predicate<ConsumedMessage> handler, @Nullable Consumer<HttpGet> onOpen, @Nullable Runnable onEstablished) {
		HttpGet request = new HttpGet(this.transport.resolve(path()));
		if (onOpen != null) {
			onOpen.accept(request);
		}
		int count = 0;
		try (ClassicHttpResponse response = this.transport.openStream(request)) {
			if (response.getCode() != 200) {
				byte[] body = (response.getEntity() != null) ? EntityUtils.toByteArray(response.getEntity())
						: new byte[0];
				throw HttpTransport.failure("consume " + this.options.topic(), response.getCode(), body);
			}
			if (onEstablished != null) {
				onEstablished.run();
			}
			if (response.getEntity() == null) {
				return 0;
			}
			try (InputStream in = response.getEntity().getContent();
					MappingIterator<ConsumeItem> items = WireFormat.MAPPER.readerFor(ConsumeItem.class)
						.readValues(in)) {
				while (items.hasNextValue()) {
					count++;
					if (!handler.test(toMessage(items.nextValue()))) {
						request.cancel();
						break;
					}
				}
			}
		}
		catch (IOException | JacksonException ex) {
			if (request.isCancelled() || isReadTimeout(ex)) {
				// Silence past the idle timeout: the server is fine, the stream is simply
				// reopened.
				request.cancel();
				return count;
			}
			throw new DriftqUnavailableException(
					"consume stream of '" + this.options.topic() + "' broke after " + count + " messages: " + ex, 0,
					null, null, ex);
		}
		catch (DriftqUnavailableException ex) {
			if (request.isCancelled() || isReadTimeout(ex)) {
				return count;
			}
			throw ex;
		}
		return count;
	}

	/**
	 * Silence past the idle timeout. A connect timeout is a
	 * {@link SocketTimeoutException} too, but it means the server cannot be reached (as
	 * when its address went away with it): a failure, reported and retried with backoff.
	 */
	private static boolean isReadTimeout(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectTimeoutException) {
				return false;
			}
			if (cause instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private String path() {
		StringBuilder path = new StringBuilder("v1/consume?topic=").append(DriftqClient.encode(this.options.topic()))
			.append("&group=")
			.append(DriftqClient.encode(this.options.group()))
			.append("&owner=")
			.append(DriftqClient.encode(this.options.owner()));
		if (this.options.lease() != null) {
			path.append("&lease_ms=").append(this.options.lease().toMillis());
		}
		return path.toString();
	}

	private ConsumedMessage toMessage(ConsumeItem item) {
		return new ConsumedMessage(this.options.topic(), this.options.group(), this.options.owner(), item.partition(),
				item.offset(), item.attempts(), (item.key() != null) ? item.key() : "", item.value(),
				(item.lastError() != null) ? item.lastError() : "", item.routing(), item.envelope());
	}

}
