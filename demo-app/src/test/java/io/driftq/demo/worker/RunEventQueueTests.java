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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.driftq.demo.config.DemoProperties;
import io.driftq.demo.events.RunEvents;
import io.driftq.demo.events.TraceIds;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests of the worker's event queue, with a recording {@link RunEvents} in place of
 * DriftQ (no server is contacted): each topic's events go out in the order given, topics
 * in parallel, never more pending than allowed.
 */
class RunEventQueueTests {

	@Test
	void eachTopicKeepsItsOrderWhileTopicsAreSentInParallelAndPendingEventsAreBounded() throws Exception {
		RecordingEvents events = new RecordingEvents(Duration.ofMillis(2));
		RunEventQueue queue = new RunEventQueue(events, 4, 3, Duration.ofSeconds(10));
		List<Thread> handlers = new ArrayList<>();
		Map<String, Integer> sentWhenAwaited = new ConcurrentHashMap<>();
		for (int t = 0; t < 5; t++) {
			String topic = "sidefx.events.r" + t;
			handlers.add(start(() -> {
				for (int i = 0; i < 40; i++) {
					queue.send(topic, Map.of("seq", i), topic + ":" + i);
				}
				queue.awaitSent(topic);
				sentWhenAwaited.put(topic, events.sent(topic).size());
			}));
		}
		for (Thread handler : handlers) {
			handler.join(30_000);
		}
		assertThat(sentWhenAwaited).hasSize(5).allSatisfy((topic, sent) -> assertThat(sent).isEqualTo(40));
		for (int t = 0; t < 5; t++) {
			List<Integer> sequence = events.sent("sidefx.events.r" + t);
			assertThat(sequence).hasSize(40);
			assertThat(sequence).isSorted();
		}
		assertThat(events.maxInFlight.get()).as("topics sent in parallel").isGreaterThan(1);
		assertThat(events.maxInFlight.get()).as("never more than the senders").isLessThanOrEqualTo(3);
		queue.destroy();
	}

	@Test
	void awaitingOneEventWaitsForItAndEveryEarlierOneOfItsTopic() throws Exception {
		RecordingEvents events = new RecordingEvents(Duration.ZERO);
		CountDownLatch release = new CountDownLatch(1);
		events.gate = release;
		RunEventQueue queue = new RunEventQueue(events, 2, 100, Duration.ofSeconds(10));
		queue.send("t", Map.of("seq", 0), "k0");
		var second = queue.send("t", Map.of("seq", 1), "k1");
		assertThat(second).isNotDone();
		start(() -> {
			sleepQuietly(50);
			release.countDown();
		});
		queue.await(second);
		assertThat(events.sent("t")).containsExactly(0, 1);
		queue.destroy();
	}

	@Test
	void anEventThatCannotBeSentIsDroppedAndTheTopicGoesOn() {
		RecordingEvents events = new RecordingEvents(Duration.ZERO);
		events.failOn = 1;
		RunEventQueue queue = new RunEventQueue(events, 1, 10, Duration.ofSeconds(10));
		for (int i = 0; i < 3; i++) {
			queue.send("t", Map.of("seq", i), "k" + i);
		}
		queue.awaitSent("t");
		assertThat(events.sent("t")).containsExactly(0, 2);
		queue.destroy();
	}

	private static Thread start(Runnable task) {
		Thread thread = new Thread(task);
		thread.start();
		return thread;
	}

	private static void sleepQuietly(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Records what would be produced; never contacts the (unused) DriftQ URL. */
	@Test
	void anEventCarriesTheTraceIdOfTheThreadThatQueuedItNotTheSendersNone() {
		SimpleTracer tracer = new SimpleTracer();
		RecordingEvents events = new RecordingEvents(Duration.ZERO);
		RunEventQueue queue = new RunEventQueue(events, 1, 10, Duration.ofSeconds(10), TraceIds.of(tracer));
		Span span = tracer.nextSpan().name("handler").start();
		try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
			queue.send("t", Map.of("seq", 0), "k0");
		}
		finally {
			span.end();
		}
		queue.send("t", Map.of("seq", 1), "k1");
		queue.awaitSent("t");
		assertThat(span.context().traceId()).isNotBlank();
		assertThat(events.events).hasSize(2);
		assertThat(events.events.get(0)).containsEntry(TraceIds.FIELD, span.context().traceId());
		assertThat(events.events.get(1)).as("no span, no trace id").doesNotContainKey(TraceIds.FIELD);
		queue.destroy();
	}

	static final class RecordingEvents extends RunEvents {

		private final Map<String, List<Integer>> sent = new ConcurrentHashMap<>();

		private final Duration each;

		private final AtomicInteger inFlight = new AtomicInteger();

		final AtomicInteger maxInFlight = new AtomicInteger();

		volatile CountDownLatch gate;

		volatile int failOn = -1;

		final List<Map<String, Object>> events = Collections.synchronizedList(new ArrayList<>());

		RecordingEvents(Duration each) {
			super(new DemoProperties("http://127.0.0.1:9", null, null, null, null, null, null, null, null, null),
					JsonMapper.builder().build(), new SimpleMeterRegistry());
			this.each = each;
		}

		@Override
		public void emit(String topic, Map<String, Object> event, String idempotencyKey) {
			this.events.add(event);
			int now = this.inFlight.incrementAndGet();
			this.maxInFlight.accumulateAndGet(now, Math::max);
			try {
				CountDownLatch gate = this.gate;
				if (gate != null) {
					gate.await(10, TimeUnit.SECONDS);
				}
				sleepQuietly(this.each.toMillis());
				int seq = (Integer) event.get("seq");
				if (seq == this.failOn) {
					throw new IllegalStateException("refused");
				}
				this.sent.computeIfAbsent(topic, (key) -> Collections.synchronizedList(new ArrayList<>())).add(seq);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.inFlight.decrementAndGet();
			}
		}

		List<Integer> sent(String topic) {
			return List.copyOf(this.sent.getOrDefault(topic, List.of()));
		}

	}

}
