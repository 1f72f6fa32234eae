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

package io.driftq.benchmarks.binder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.cloud.stream.binder.DriftqHeaders;
import io.driftq.test.DriftqServer;

/**
 * End-to-end throughput and latency of the DriftQ binder (StreamBridge → driftqd → {@code Consumer} function, AUTO
 * ack) against a raw {@code driftq-client} loop (produce → driftqd → {@code ConsumeSubscription} → ack), both on
 * one {@code driftqd} started here, with the same partitions, consume streams, read-ahead, lease and producer
 * window. Settings: {@code rounds}, {@code n}, {@code warmup}, {@code partitions}, {@code window},
 * {@code timeout} (seconds per round) as system properties or {@code name=value} arguments.
 */
public final class BinderBenchmark {

	private static final Logger logger = LoggerFactory.getLogger(BinderBenchmark.class);

	/** The binder's default {@code buffer-size}; the raw subscriptions read ahead as much. */
	private static final int BUFFER_SIZE = 2;

	/** The binder's default {@code lease}; the raw subscriptions ask for the same. */
	private static final Duration LEASE = Duration.ofSeconds(30);

	private static final Duration POLL = Duration.ofMillis(200);

	/**
	 * What Spring Cloud Stream does with the bytes on the binder path: {@code native} (default) passes them through
	 * untouched both ways ({@code use-native-encoding} / {@code use-native-decoding}), as the raw loop does;
	 * {@code octet-stream} and {@code json} let Spring Cloud Function convert them under that content type
	 * ({@code json} is Spring Cloud Stream's default). The binder's own work is the same in all three.
	 */
	private static final String CONVERSION = System.getProperty("conversion", "native");

	private final String url;

	private final int rounds;

	private final int n;

	private final int warmup;

	private final int partitions;

	private final int window;

	private final long timeoutSeconds;

	private final CpuMeter cpu;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private BinderBenchmark(String url, int rounds, int n, int warmup, int partitions, int window,
			long timeoutSeconds, CpuMeter cpu) {
		this.url = url;
		this.cpu = cpu;
		this.rounds = rounds;
		this.n = n;
		this.warmup = warmup;
		this.partitions = partitions;
		this.window = window;
		this.timeoutSeconds = timeoutSeconds;
	}

	public static void main(String[] args) throws Exception {
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			if (pair.length == 2) {
				System.setProperty(pair[0], pair[1]);
			}
		}
		Path logs = Files.createTempDirectory("binder-benchmark-logs");
		try (DriftqServer server = DriftqServer.builder().name("binder-benchmark").logDirectory(logs).build().start()) {
			BinderBenchmark benchmark = new BinderBenchmark(server.baseUrl(), Integer.getInteger("rounds", 6),
					Integer.getInteger("n", 10000), Integer.getInteger("warmup", 10000),
					Integer.getInteger("partitions", 4), Integer.getInteger("window", 64),
					Long.getLong("timeout", 300), new CpuMeter(server.pid()));
			System.out.printf("binder-benchmark: %d rounds x %d messages per path, %d warm-up messages per path, "
					+ "%d partitions = %d consume streams, read-ahead %d per stream, producer window %d, payload %d bytes, "
					+ "conversion %s, driftqd %s, Java %s%n", benchmark.rounds, benchmark.n, benchmark.warmup,
					benchmark.partitions, benchmark.partitions, BUFFER_SIZE, benchmark.window, Tracker.payloadBytes(),
					describeConversion(), server.version(),
					System.getProperty("java.version"));
			benchmark.run();
		}
	}

	private void run() throws Exception {
		System.out.println();
		// Each path is set up once and measured round after round, as a running application would be: a Spring
		// context started per round would put the JIT compilation of its freshly generated classes into the timing.
		try (RawPath rawPath = new RawPath(); BinderPath binderPath = new BinderPath()) {
			Stats.Round raw = rawPath.round(this.warmup);
			Stats.Round binder = binderPath.round(this.warmup);
			System.out.printf(Locale.ROOT, "warm-up: raw %.0f msgs/s, binder %.0f msgs/s%n", raw.messagesPerSecond(),
					binder.messagesPerSecond());
			Stats raws = new Stats();
			Stats binders = new Stats();
			List<Double> ratios = new ArrayList<>();
			for (int round = 1; round <= this.rounds; round++) {
				// Alternate which path goes first so that drift (neighbours, WAL growth, JIT) hits both.
				boolean rawFirst = round % 2 == 1;
				Stats.Round first = rawFirst ? rawPath.round(this.n) : binderPath.round(this.n);
				Stats.Round second = rawFirst ? binderPath.round(this.n) : rawPath.round(this.n);
				raw = rawFirst ? first : second;
				binder = rawFirst ? second : first;
				raws.add(raw);
				binders.add(binder);
				System.out.printf(Locale.ROOT,
						"round %d (%s first): raw %.0f msgs/s (p50 %.2f ms, p99 %.2f ms, cpu %.0f+%.0f us/msg), "
								+ "binder %.0f msgs/s (p50 %.2f ms, p99 %.2f ms, cpu %.0f+%.0f us/msg), ratio %.2f%n",
						round, rawFirst ? "raw" : "binder", raw.messagesPerSecond(), raw.percentileMillis(0.50),
						raw.percentileMillis(0.99), raw.jvmCpuMicrosPerMessage(), raw.serverCpuMicrosPerMessage(),
						binder.messagesPerSecond(), binder.percentileMillis(0.50), binder.percentileMillis(0.99),
						binder.jvmCpuMicrosPerMessage(), binder.serverCpuMicrosPerMessage(),
						binder.messagesPerSecond() / raw.messagesPerSecond());
				ratios.add(binder.messagesPerSecond() / raw.messagesPerSecond());
			}
			ratios.sort(null);
			System.out.println();
			System.out.printf("%-7s %9s %9s %9s %13s %13s %17s %17s%n", "path", "msgs/s", "p50 ms", "p99 ms",
					"429 retries", "redeliveries", "JVM cpu us/msg", "driftqd cpu us/msg");
			row("raw", raws);
			row("binder", binders);
			System.out.println();
			System.out.printf(Locale.ROOT, "per-round ratios: min %.2f, median %.2f, max %.2f%n", ratios.get(0),
					(ratios.get((ratios.size() - 1) / 2) + ratios.get(ratios.size() / 2)) / 2,
					ratios.get(ratios.size() - 1));
			System.out.printf(Locale.ROOT, "binder/raw throughput ratio: %.2f%n",
					binders.messagesPerSecond() / raws.messagesPerSecond());
		}
	}

	private static void row(String path, Stats stats) {
		System.out.printf(Locale.ROOT, "%-7s %9.0f %9.2f %9.2f %13d %13d %17.0f %17.0f%n", path,
				stats.messagesPerSecond(), stats.percentileMillis(0.50), stats.percentileMillis(0.99),
				stats.overloadRetries(), stats.redeliveries(), stats.jvmCpuMicrosPerMessage(),
				stats.serverCpuMicrosPerMessage());
	}

	/** The round's tracker, read by the consumers of a path that outlives its rounds. */
	static final class CurrentRound {

		private volatile Tracker tracker;

		Tracker tracker() {
			return this.tracker;
		}

		void set(Tracker tracker) {
			this.tracker = tracker;
		}

	}

	/**
	 * The raw path: one client, one producer thread, {@code partitions} subscriptions of one group, each with a
	 * worker thread that takes a message, records it and acks it, as the binder's workers do. Set up once.
	 */
	private final class RawPath implements AutoCloseable {

		private final String topic = "bench-raw-" + BinderBenchmark.this.run;

		private final CurrentRound current = new CurrentRound();

		private final DriftqClient client = DriftqClient.builder(BinderBenchmark.this.url).build();

		private final List<ConsumeSubscription> subscriptions = new ArrayList<>();

		private final List<Thread> workers = new ArrayList<>();

		private final AtomicReference<Throwable> failure = new AtomicReference<>();

		private int round;

		RawPath() {
			int partitions = BinderBenchmark.this.partitions;
			this.client.createTopic(this.topic, partitions);
			for (int i = 0; i < partitions; i++) {
				ConsumeSubscription subscription = this.client.subscribe(ConsumeOptions.builder(this.topic, "workers")
					.owner(this.topic + "-" + i)
					.lease(LEASE)
					.bufferSize(BUFFER_SIZE)
					.createTopicPartitions(partitions)
					.build());
				this.subscriptions.add(subscription);
				Thread worker = new Thread(() -> {
					try {
						while (subscription.isRunning()) {
							ConsumedMessage message = subscription.poll(POLL);
							if (message != null) {
								Tracker tracker = this.current.tracker();
								tracker.received(message.value(), message.attempts());
								this.client.ack(message);
								tracker.acked();
							}
						}
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					catch (RuntimeException ex) {
						this.failure.compareAndSet(null, ex);
						logger.error("raw consumer failed", ex);
					}
				}, "raw-worker-" + i);
				worker.setDaemon(true);
				this.workers.add(worker);
				worker.start();
			}
		}

		Stats.Round round(int messages) throws Exception {
			Tracker tracker = new Tracker(messages, BinderBenchmark.this.window);
			this.current.set(tracker);
			// diagnostic: the raw producer sends the envelope the binder's producer sends by default (its retry policy)
			io.driftq.client.model.Envelope envelope = Boolean.getBoolean("rawEnvelope")
					? io.driftq.client.model.Envelope.builder()
						.retryPolicy(new io.driftq.client.model.RetryPolicy(5, 1000, 30000))
						.build()
					: null;
			Stats.Round round = produceAndAwait(tracker, this.topic + "-" + (++this.round), (key, value) -> this.client
				.produce(new io.driftq.client.model.ProduceRequest(this.topic, key, value, envelope)));
			if (this.failure.get() != null) {
				throw new IllegalStateException("raw consumer failed", this.failure.get());
			}
			return round;
		}

		@Override
		public void close() throws InterruptedException {
			this.subscriptions.forEach(ConsumeSubscription::close);
			for (Thread worker : this.workers) {
				worker.join(5000);
			}
			this.client.close();
		}

	}

	/**
	 * The binder path: a Spring Boot context with the DriftQ binder, a {@code Consumer<Message<byte[]>>} bound to
	 * the topic and a group with {@code concurrency = partitions}, AUTO ack, produced through
	 * {@code StreamBridge.send} on an output binding to the same topic. Started once.
	 */
	private final class BinderPath implements AutoCloseable {

		private final String topic = "bench-binder-" + BinderBenchmark.this.run;

		private final CurrentRound current = new CurrentRound();

		private final ConfigurableApplicationContext context;

		private final StreamBridge bridge;

		private final DriftqClient rawProducer;

		private int round;

		BinderPath() {
			int partitions = BinderBenchmark.this.partitions;
			// Created up front with the same partition count as the raw path's topic.
			try (DriftqClient admin = DriftqClient.builder(BinderBenchmark.this.url).build()) {
				admin.createTopic(this.topic, partitions);
			}
			SpringApplicationBuilder builder = new SpringApplicationBuilder(BinderApp.class).initializers(
					(context) -> context.getBeanFactory().registerSingleton("currentRound", this.current));
			List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=none",
					"--spring.main.banner-mode=off",
					"--spring.main.log-startup-info=false",
					"--spring.cloud.function.definition=bench",
					"--spring.cloud.stream.driftq.binder.url=" + BinderBenchmark.this.url,
					"--spring.cloud.stream.bindings.bench-in-0.destination=" + this.topic,
					"--spring.cloud.stream.bindings.bench-in-0.group=workers",
					"--spring.cloud.stream.bindings.bench-in-0.consumer.concurrency=" + partitions,
					"--spring.cloud.stream.driftq.bindings.bench-in-0.consumer.partitions=" + partitions,
					"--spring.cloud.stream.driftq.bindings.bench-in-0.consumer.buffer-size=" + BUFFER_SIZE,
					"--spring.cloud.stream.driftq.bindings.bench-in-0.consumer.lease=" + LEASE.toSeconds() + "s",
					"--spring.cloud.stream.output-bindings=benchOut",
					"--spring.cloud.stream.bindings.benchOut-out-0.destination=" + this.topic));
			switch (CONVERSION) {
				case "native" -> {
					// the function takes and StreamBridge sends byte[], as the raw loop does: no conversion either way
					args.add("--spring.cloud.stream.bindings.bench-in-0.consumer.use-native-decoding=true");
					args.add("--spring.cloud.stream.bindings.benchOut-out-0.producer.use-native-encoding=true");
				}
				case "octet-stream" -> {
					args.add("--spring.cloud.stream.bindings.bench-in-0.content-type=application/octet-stream");
					args.add("--spring.cloud.stream.bindings.benchOut-out-0.content-type=application/octet-stream");
				}
				case "json" -> {
					// Spring Cloud Stream's default content type
				}
				default -> throw new IllegalArgumentException(
						"conversion must be native, octet-stream or json, not " + CONVERSION);
			}
			this.context = builder.run(args.toArray(String[]::new));
			this.bridge = this.context.getBean(StreamBridge.class);
			// diagnostic: the binder's consumer alone, fed by the raw client (tells the two halves apart)
			this.rawProducer = Boolean.getBoolean("rawProducer")
					? DriftqClient.builder(BinderBenchmark.this.url).build() : null;
		}

		Stats.Round round(int messages) throws Exception {
			Tracker tracker = new Tracker(messages, BinderBenchmark.this.window);
			this.current.set(tracker);
			String keyPrefix = this.topic + "-" + (++this.round);
			if (this.rawProducer != null) {
				return produceAndAwait(tracker, keyPrefix,
						(key, value) -> this.rawProducer.produce(this.topic, key, value));
			}
			return produceAndAwait(tracker, keyPrefix, (key, value) -> {
				Message<byte[]> message = MessageBuilder.withPayload(value.getBytes(StandardCharsets.UTF_8))
					.setHeader(DriftqHeaders.KEY, key)
					.build();
				if (!this.bridge.send("benchOut-out-0", message)) {
					throw new IllegalStateException("StreamBridge.send returned false");
				}
			});
		}

		@Override
		public void close() {
			this.context.close();
			if (this.rawProducer != null) {
				this.rawProducer.close();
			}
		}

	}

	/**
	 * @param keyPrefix makes the keys unique to the round (DriftQ skips a key a group already acked)
	 */
	private Stats.Round produceAndAwait(Tracker tracker, String keyPrefix, Tracker.Sender sender) throws Exception {
		long overloadsBefore = OverloadCounter.count();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		java.util.concurrent.atomic.AtomicLong producerCpu = new java.util.concurrent.atomic.AtomicLong();
		CpuMeter.Sample cpuBefore = this.cpu.sample();
		java.util.Map<String, Long> threadsBefore = Boolean.getBoolean("threadCpu") ? CpuMeter.threadTicks() : null;
		Thread producer = new Thread(() -> {
			try {
				tracker.produce(keyPrefix + "-k", sender);
				producerCpu.set(java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, "producer");
		producer.start();
		producer.join(this.timeoutSeconds * 1000);
		if (failure.get() != null) {
			throw new IllegalStateException("producer failed on " + keyPrefix, failure.get());
		}
		Stats.Round round = tracker.await(this.timeoutSeconds, OverloadCounter.count() - overloadsBefore,
				() -> this.cpu.sample().minus(cpuBefore));
		if (threadsBefore != null) {
			// diagnostic: which threads of this JVM used the CPU during the round (10 ms ticks)
			StringBuilder line = new StringBuilder(keyPrefix).append(" thread cpu (10 ms ticks): producer thread=")
				.append(producerCpu.get() / 10_000_000);
			CpuMeter.threadTicks().forEach((name, ticks) -> {
				long delta = ticks - threadsBefore.getOrDefault(name, 0L);
				if (delta > 0) {
					line.append(' ').append(name).append('=').append(delta);
				}
			});
			System.out.println(line);
		}
		return round;
	}

	private static String describeConversion() {
		return switch (CONVERSION) {
			case "native" -> "native (bytes passed through, no content-type conversion)";
			case "octet-stream" -> "application/octet-stream";
			case "json" -> "application/json (Spring Cloud Stream's default)";
			default -> throw new IllegalArgumentException(
					"conversion must be native, octet-stream or json, not " + CONVERSION);
		};
	}

}
