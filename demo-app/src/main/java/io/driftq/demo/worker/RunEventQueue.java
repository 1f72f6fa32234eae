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

package io.driftq.demo.worker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.driftq.demo.events.RunEvents;
import io.driftq.demo.events.TraceIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * The worker's run events, sent off the handler's thread: each produce is an fsync'd
 * DriftQ round trip, and the handler would otherwise wait for five of them per command
 * one after the other. Events of one topic (one run) are sent one at a time in the order
 * they were given, so a run's story keeps its order across its attempts in this worker;
 * topics are sent in parallel by {@code senders} threads. At most {@code maxPending}
 * events wait (then the handler waits for room: bounded memory, nothing dropped for lack
 * of room). Sending stays best-effort as {@link RunEvents#emit} is. An event carries the
 * trace id of the thread that queued it (the handler's).
 * <p>
 * Where the story must be out before the worker goes on, the handler waits: for
 * {@code side_effect.done} before the ack, and for everything before an on-purpose crash
 * ({@code chaos.crash_now}).
 */
public class RunEventQueue implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(RunEventQueue.class);

	private final RunEvents events;

	private final ExecutorService senders;

	private final Semaphore room;

	private final Duration awaitAtMost;

	/**
	 * The handler thread's trace id, read when an event is queued (the senders have no
	 * span).
	 */
	private final TraceIds traceIds;

	/** The last event queued for each topic that is not sent yet. */
	private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

	RunEventQueue(RunEvents events, int senders, int maxPending, Duration awaitAtMost) {
		this(events, senders, maxPending, awaitAtMost, TraceIds.NONE);
	}

	RunEventQueue(RunEvents events, int senders, int maxPending, Duration awaitAtMost, TraceIds traceIds) {
		if (senders < 1 || maxPending < 1) {
			throw new IllegalArgumentException(
					"senders and maxPending must be at least 1, were " + senders + " and " + maxPending);
		}
		this.events = events;
		AtomicInteger number = new AtomicInteger();
		this.senders = Executors.newFixedThreadPool(senders, (task) -> {
			Thread thread = new Thread(task, "sidefx-events-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.room = new Semaphore(maxPending);
		this.awaitAtMost = awaitAtMost;
		this.traceIds = traceIds;
	}

	/**
	 * Queues an event after the topic's earlier ones.
	 * @param topic the run's events topic
	 * @param event the event
	 * @param idempotencyKey DriftQ's dedupe key for it
	 * @return completes when the event was sent or dropped
	 */
	public CompletableFuture<Void> send(String topic, Map<String, Object> event, String idempotencyKey) {
		// the trace id is the handler's: read here, on its thread
		Map<String, Object> stamped = this.traceIds.stamp(event);
		try {
			this.room.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return CompletableFuture.completedFuture(null);
		}
		CompletableFuture<Void> sent = this.tails.compute(topic, (key, tail) -> {
			CompletableFuture<Void> previous = (tail != null) ? tail : CompletableFuture.completedFuture(null);
			// an event that failed unexpectedly is dropped; the topic's later events
			// still go
			return previous.exceptionally((failure) -> null)
				.thenRunAsync(() -> this.events.emit(topic, stamped, idempotencyKey), this.senders);
		});
		sent.whenComplete((result, failure) -> {
			this.room.release();
			this.tails.remove(topic, sent);
			if (failure != null) {
				logger.debug("Dropped {} for {}: {}", event.get("type"), topic, failure.toString());
			}
		});
		return sent;
	}

	/**
	 * Waits until every event queued so far for the topic was sent or dropped (at most
	 * the configured time).
	 * @param topic the run's events topic
	 */
	public void awaitSent(String topic) {
		CompletableFuture<Void> tail = this.tails.get(topic);
		if (tail != null) {
			await(tail);
		}
	}

	/**
	 * Waits until one queued event (and so every earlier one of its topic) was sent or
	 * dropped.
	 * @param sent what {@link #send} returned
	 */
	public void await(CompletableFuture<Void> sent) {
		try {
			sent.get(this.awaitAtMost.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			// dropped: events are best-effort
		}
		catch (TimeoutException ex) {
			logger.warn("Run events not sent within {}; going on without them", this.awaitAtMost);
		}
	}

	/** Sends what is queued (at most the configured time), then stops the senders. */
	@Override
	public void destroy() {
		CompletableFuture<?>[] pending = this.tails.values().toArray(CompletableFuture[]::new);
		await(CompletableFuture.allOf(pending));
		this.senders.shutdown();
	}

}
