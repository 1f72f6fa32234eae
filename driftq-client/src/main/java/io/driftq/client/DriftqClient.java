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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.driftq.client.HttpTransport.Answer;
import io.driftq.client.exception.DriftqException;
import io.driftq.client.exception.DriftqMessageTooLargeException;
import io.driftq.client.exception.DriftqOverloadedException;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.client.model.ProduceRequest;
import io.driftq.client.model.ServerVersion;
import io.driftq.client.model.TopicCreated;
import org.jspecify.annotations.Nullable;

/**
 * A thread-safe client for one DriftQ server's v1 API. Create it with
 * {@link #builder(String)}, share it, and {@link #close()} it when done.
 */
public final class DriftqClient implements AutoCloseable {

	private final HttpTransport transport;

	private final int overloadRetries;

	private final ProduceSender sender;

	private final Duration streamReadTimeout;

	private final CapabilityDiscovery discovery;

	private final Settlements settlements;

	DriftqClient(HttpTransport transport, int overloadRetries, Duration maxRetryAfter, Duration streamReadTimeout) {
		this.transport = transport;
		this.overloadRetries = overloadRetries;
		this.sender = new ProduceSender(transport, maxRetryAfter);
		this.streamReadTimeout = streamReadTimeout;
		this.discovery = new CapabilityDiscovery(transport);
		this.settlements = new Settlements(transport, this.discovery);
	}

	/**
	 * Start configuring a client.
	 * @param baseUrl the server's base URL, e.g. {@code http://localhost:8080}
	 * @return a builder
	 */
	public static DriftqClientBuilder builder(String baseUrl) {
		return new DriftqClientBuilder(baseUrl);
	}

	/**
	 * The server's base URL.
	 * @return the URL this client talks to
	 */
	public String baseUrl() {
		String uri = this.transport.baseUri().toString();
		return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
	}

	/**
	 * What the server accepts: its {@code GET /v1/config} when it has one, otherwise the
	 * pinned server's built-in limits ({@link DriftqServerCapabilities#PINNED_SERVER}).
	 * Asked once, on first use, and kept; a server that cannot be reached is asked again
	 * on the next call.
	 * @return the capabilities
	 * @throws io.driftq.client.exception.DriftqUnavailableException if the server cannot
	 * be asked now
	 */
	public DriftqServerCapabilities capabilities() {
		return this.discovery.get();
	}

	/**
	 * Create a topic. Creating an existing topic succeeds: the pinned server answers 201
	 * and echoes the requested count even when the topic has another one (it does not
	 * change it); newer servers answer 400 {@code topic already exists}, which this
	 * method also reports as success, with the requested count.
	 * @param name the topic
	 * @param partitions the partition count, at least 1
	 * @return the server's answer
	 */
	public TopicCreated createTopic(String name, int partitions) {
		requireText(name, "topic name");
		if (partitions < 1) {
			throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
		}
		Answer answer = this.transport.post("v1/topics", new WireFormat.TopicCreateRequest(name, partitions));
		if (answer.status() == 400 && isTopicExists(answer)) {
			return new TopicCreated(name, partitions);
		}
		return read("create topic '" + name + "'", answer, TopicCreated.class);
	}

	private static boolean isTopicExists(Answer answer) {
		WireFormat.ErrorBody body = HttpTransport.errorBody(answer.body());
		return body != null && body.message() != null
				&& body.message().toLowerCase(java.util.Locale.ROOT).contains("topic already exists");
	}

	/**
	 * The topics the server knows, sorted by name.
	 * @return the names
	 */
	public List<String> listTopics() {
		WireFormat.TopicsList list = read("list topics", this.transport.get("v1/topics"), WireFormat.TopicsList.class);
		return (list.topics() != null) ? List.copyOf(list.topics()) : List.of();
	}

	/**
	 * Produce a message. A 429 answer is retried up to the configured number of times,
	 * waiting what the server's {@code retry_after_ms} (else {@code Retry-After}) asks
	 * (capped); then {@link DriftqOverloadedException} is thrown. A message whose key +
	 * value exceed what the server can ever accept
	 * ({@link DriftqServerCapabilities#maxKeyAndValueBytes()}: 65 535 bytes on the pinned
	 * server, 4 MiB - 1 by default on newer ones) is refused with
	 * {@link DriftqMessageTooLargeException} before it is sent.
	 * @param request the message
	 * @throws DriftqException on failure
	 */
	public void produce(ProduceRequest request) {
		checkSize(request);
		this.sender.send(request, this.overloadRetries);
	}

	/**
	 * Produce a message, waiting for room in a full partition for up to {@code maxBlock}
	 * (like Kafka's {@code max.block.ms}) instead of a number of retries: while DriftQ
	 * answers 429, the produce is sent again after the wait the server asks for, each
	 * wait at most 1 s so that room is noticed soon after a consumer makes it. When the
	 * partition is still full at {@code maxBlock}, {@link DriftqOverloadedException} is
	 * thrown with {@link DriftqOverloadedException#getWaited()}. Other failures are
	 * thrown at once.
	 * @param request the message
	 * @param maxBlock the longest wait for room, zero to fail at the first 429
	 * @param listener told when the produce starts and stops waiting
	 * @throws DriftqException on failure
	 */
	public void produce(ProduceRequest request, Duration maxBlock, @Nullable BackPressureListener listener) {
		Objects.requireNonNull(maxBlock, "maxBlock");
		if (maxBlock.isNegative()) {
			throw new IllegalArgumentException("maxBlock must not be negative, was " + maxBlock);
		}
		checkSize(request);
		this.sender.send(request, maxBlock, (listener != null) ? listener : BackPressureListener.NONE);
	}

	private void checkSize(ProduceRequest request) {
		Objects.requireNonNull(request, "request");
		int size = request.keyAndValueBytes();
		int limit = capabilities().maxKeyAndValueBytes();
		if (size > limit) {
			throw new DriftqMessageTooLargeException(request.topic(), size, limit);
		}
	}

	/**
	 * How many produces answered 429 were retried so far by this client (for metrics),
	 * whether bounded by a number of retries or by a time.
	 * @return the count
	 */
	public long overloadRetryCount() {
		return this.sender.overloadRetryCount();
	}

	/**
	 * Produce a keyed message with no envelope.
	 * @param topic the topic
	 * @param key the key, or {@code null}
	 * @param value the payload
	 */
	public void produce(String topic, @Nullable String key, String value) {
		produce(new ProduceRequest(topic, key, value, null));
	}

	/**
	 * Open one consume stream and hand each message to {@code handler} until the stream
	 * ends (the server ends it, or it stays silent for the stream idle timeout) or
	 * {@code handler} returns {@code false}. Most callers want {@link #subscribe}, which
	 * reconnects for them.
	 * @param options what to consume
	 * @param handler called with each message; return {@code false} to stop reading
	 * @return how many messages were handed over
	 */
	public int consumeOnce(ConsumeOptions options, java.util.function.Predicate<ConsumedMessage> handler) {
		return new ConsumeStream(this.transport, options).run(handler, null, null);
	}

	/**
	 * Start a continuous consume: a background thread opens a stream, reads it until the
	 * server ends it, and opens the next one at once with the same owner; while the
	 * server is unreachable it retries with capped backoff. Messages wait in a bounded
	 * buffer until {@link ConsumeSubscription#poll(Duration)} takes them.
	 * @param options what to consume
	 * @return the running subscription; close it to stop
	 */
	public ConsumeSubscription subscribe(ConsumeOptions options) {
		return subscribe(options, SubscriptionListener.NONE);
	}

	/**
	 * Start a continuous consume that reports its connection state to a listener.
	 * @param options what to consume
	 * @param listener told about connects, disconnects and missing topics
	 * @return the running subscription; close it to stop
	 * @see #subscribe(ConsumeOptions)
	 */
	public ConsumeSubscription subscribe(ConsumeOptions options, SubscriptionListener listener) {
		ConsumeSubscription subscription = new ConsumeSubscription(this, this.transport, options, listener);
		subscription.start();
		return subscription;
	}

	/**
	 * Acknowledge a message: it is done and will not be delivered to this group again.
	 * @param message the message, as consumed
	 * @throws io.driftq.client.exception.DriftqSettledElsewhereException if the message
	 * is no longer leased to its owner
	 */
	public void ack(ConsumedMessage message) {
		ack(message.topic(), message.group(), message.owner(), message.partition(), message.offset());
	}

	/**
	 * Acknowledge a message by its coordinates.
	 * @param topic the topic
	 * @param group the group
	 * @param owner the owner that holds the lease
	 * @param partition the partition
	 * @param offset the offset
	 */
	public void ack(String topic, String group, String owner, int partition, long offset) {
		this.settlements.ack(topic, group, owner, partition, offset);
	}

	/**
	 * Acknowledge several messages, per partition in offset order. When the server has
	 * {@code POST /v1/ack-cumulative}
	 * ({@link DriftqServerCapabilities#supportsCumulativeAck()}) and a partition's
	 * offsets run without a gap from the last offset this client acked there (or from 0),
	 * they are acked with one cumulative request; otherwise, or if the server refuses it,
	 * one ack per offset. Stops at the first failure: the partition's later offsets stay
	 * unacked, so a failure never moves the committed offset past a message.
	 * @param messages the messages, as consumed (any order, any partitions)
	 * @throws io.driftq.client.exception.DriftqSettledElsewhereException if a message is
	 * no longer leased to its owner
	 */
	public void ackAll(java.util.Collection<ConsumedMessage> messages) {
		Objects.requireNonNull(messages, "messages");
		this.settlements.ackAll(messages);
	}

	/**
	 * Negatively acknowledge a message: the broker redelivers it at once (it ignores the
	 * retry policy's backoff on nack) or, when its attempts are used up, moves it to
	 * {@code dlq.<topic>}.
	 * @param message the message, as consumed
	 * @param reason why it failed; becomes the redelivery's {@code last_error}
	 */
	public void nack(ConsumedMessage message, String reason) {
		nack(message.topic(), message.group(), message.owner(), message.partition(), message.offset(), reason);
	}

	/**
	 * Negatively acknowledge a message by its coordinates.
	 * @param topic the topic
	 * @param group the group
	 * @param owner the owner that holds the lease
	 * @param partition the partition
	 * @param offset the offset
	 * @param reason why it failed, or {@code null}
	 */
	public void nack(String topic, String group, String owner, int partition, long offset, @Nullable String reason) {
		this.settlements.nack(topic, group, owner, partition, offset, reason);
	}

	/**
	 * Ask the server whether it is healthy.
	 * @return {@code true} when {@code /v1/healthz} answers 200; {@code false} when it
	 * answers otherwise or cannot be reached
	 */
	public boolean isHealthy() {
		try {
			return this.transport.get("v1/healthz").status() == 200;
		}
		catch (DriftqException ex) {
			return false;
		}
	}

	/**
	 * The server's version.
	 * @return the {@code /v1/version} answer
	 */
	public ServerVersion version() {
		return read("version", this.transport.get("v1/version"), ServerVersion.class);
	}

	Duration streamReadTimeout() {
		return this.streamReadTimeout;
	}

	@Override
	public void close() {
		this.transport.close();
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static void requireText(@Nullable String value, String what) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(what + " must not be blank");
		}
	}

	private static <T> T read(String operation, Answer answer, Class<T> type) {
		check(operation, answer);
		return WireFormat.MAPPER.readValue(answer.body(), type);
	}

	private static void check(String operation, Answer answer) {
		if (answer.status() / 100 != 2) {
			throw HttpTransport.failure(operation, answer.status(), answer.body());
		}
	}

}
