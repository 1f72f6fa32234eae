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

	private final String url;

	private final int rounds;

	private final int n;

	private final int warmup;

	private final int partitions;

	private final int window;

	private final long timeoutSeconds;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private int sequence;

	private BinderBenchmark(String url, int rounds, int n, int warmup, int partitions, int window,
			long timeoutSeconds) {
		this.url = url;
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
			BinderBenchmark benchmark = new BinderBenchmark(server.baseUrl(), Integer.getInteger("rounds", 3),
					Integer.getInteger("n", 2000), Integer.getInteger("warmup", 2000),
					Integer.getInteger("partitions", 4), Integer.getInteger("window", 64),
					Long.getLong("timeout", 300));
			System.out.printf("binder-benchmark: %d rounds x %d messages per path, %d warm-up messages per path, "
					+ "%d partitions = %d consume streams, read-ahead %d per stream, producer window %d, payload %d bytes, "
					+ "driftqd %s, Java %s%n", benchmark.rounds, benchmark.n, benchmark.warmup, benchmark.partitions,
					benchmark.partitions, BUFFER_SIZE, benchmark.window, Tracker.payloadBytes(), server.version(),
					System.getProperty("java.version"));
			benchmark.run();
		}
	}

	private void run() throws Exception {
		System.out.println();
		Stats.Round raw = raw(this.warmup);
		Stats.Round binder = binder(this.warmup);
		System.out.printf(Locale.ROOT, "warm-up: raw %.0f msgs/s, binder %.0f msgs/s%n", raw.messagesPerSecond(),
				binder.messagesPerSecond());
		Stats raws = new Stats();
		Stats binders = new Stats();
		for (int round = 1; round <= this.rounds; round++) {
			// Alternate which path goes first so that drift (neighbours, WAL growth, JIT) hits both.
			boolean rawFirst = round % 2 == 1;
			Stats.Round first = rawFirst ? raw(this.n) : binder(this.n);
			Stats.Round second = rawFirst ? binder(this.n) : raw(this.n);
			raw = rawFirst ? first : second;
			binder = rawFirst ? second : first;
			raws.add(raw);
			binders.add(binder);
			System.out.printf(Locale.ROOT,
					"round %d (%s first): raw %.0f msgs/s (p50 %.2f ms, p99 %.2f ms), binder %.0f msgs/s "
							+ "(p50 %.2f ms, p99 %.2f ms), ratio %.2f%n",
					round, rawFirst ? "raw" : "binder", raw.messagesPerSecond(), raw.percentileMillis(0.50),
					raw.percentileMillis(0.99), binder.messagesPerSecond(), binder.percentileMillis(0.50),
					binder.percentileMillis(0.99), binder.messagesPerSecond() / raw.messagesPerSecond());
		}
		System.out.println();
		System.out.printf("%-7s %9s %9s %9s %13s %13s%n", "path", "msgs/s", "p50 ms", "p99 ms", "429 retries",
				"redeliveries");
		row("raw", raws);
		row("binder", binders);
		System.out.println();
		System.out.printf(Locale.ROOT, "binder/raw throughput ratio: %.2f%n",
				binders.messagesPerSecond() / raws.messagesPerSecond());
	}

	private static void row(String path, Stats stats) {
		System.out.printf(Locale.ROOT, "%-7s %9.0f %9.2f %9.2f %13d %13d%n", path, stats.messagesPerSecond(),
				stats.percentileMillis(0.50), stats.percentileMillis(0.99), stats.overloadRetries(),
				stats.redeliveries());
	}

	/** A fresh topic name (and group) per round, so no round sees another's messages. */
	private String next(String path) {
		return "bench-" + path + "-" + this.run + "-" + (++this.sequence);
	}

	/**
	 * The raw path: one producer thread, {@code partitions} subscriptions of a fresh group, each with a worker
	 * thread that takes a message, records it and acks it, as the binder's workers do.
	 */
	private Stats.Round raw(int messages) throws Exception {
		String topic = next("raw");
		Tracker tracker = new Tracker(messages, this.window);
		long overloadsBefore = OverloadCounter.count();
		try (DriftqClient client = DriftqClient.builder(this.url).build()) {
			client.createTopic(topic, this.partitions);
			List<ConsumeSubscription> subscriptions = new ArrayList<>();
			List<Thread> workers = new ArrayList<>();
			AtomicReference<Throwable> failure = new AtomicReference<>();
			for (int i = 0; i < this.partitions; i++) {
				ConsumeSubscription subscription = client.subscribe(ConsumeOptions.builder(topic, "workers")
					.owner(topic + "-" + i)
					.lease(LEASE)
					.bufferSize(BUFFER_SIZE)
					.createTopicPartitions(this.partitions)
					.build());
				subscriptions.add(subscription);
				Thread worker = new Thread(() -> {
					try {
						while (subscription.isRunning()) {
							ConsumedMessage message = subscription.poll(POLL);
							if (message != null) {
								tracker.received(message.value(), message.attempts());
								client.ack(message);
								tracker.acked();
							}
						}
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					catch (RuntimeException ex) {
						failure.compareAndSet(null, ex);
						logger.error("raw consumer failed", ex);
					}
				}, "raw-worker-" + i);
				worker.setDaemon(true);
				workers.add(worker);
				worker.start();
			}
			try {
				Stats.Round round = produceAndAwait(tracker, topic, (key, value) -> client.produce(topic, key, value),
						overloadsBefore);
				if (failure.get() != null) {
					throw new IllegalStateException("raw consumer failed", failure.get());
				}
				return round;
			}
			finally {
				subscriptions.forEach(ConsumeSubscription::close);
				for (Thread worker : workers) {
					worker.join(5000);
				}
			}
		}
	}

	/**
	 * The binder path: a Spring Boot context with the DriftQ binder, a {@code Consumer<Message<byte[]>>} bound to a
	 * fresh topic and group with {@code concurrency = partitions}, AUTO ack, produced through
	 * {@code StreamBridge.send} on an output binding to the same topic.
	 */
	private Stats.Round binder(int messages) throws Exception {
		String topic = next("binder");
		Tracker tracker = new Tracker(messages, this.window);
		long overloadsBefore = OverloadCounter.count();
		// Created up front with the same partition count as the raw path's topics.
		try (DriftqClient admin = DriftqClient.builder(this.url).build()) {
			admin.createTopic(topic, this.partitions);
		}
		SpringApplicationBuilder builder = new SpringApplicationBuilder(BinderApp.class)
			.initializers((context) -> context.getBeanFactory().registerSingleton("tracker", tracker));
		try (ConfigurableApplicationContext context = builder.run(
				"--spring.main.web-application-type=none",
				"--spring.main.banner-mode=off",
				"--spring.main.log-startup-info=false",
				"--spring.cloud.function.definition=bench",
				"--spring.cloud.stream.driftq.binder.url=" + this.url,
				"--spring.cloud.stream.bindings.bench-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.bench-in-0.group=workers",
				"--spring.cloud.stream.bindings.bench-in-0.consumer.concurrency=" + this.partitions,
				"--spring.cloud.stream.driftq.bindings.bench-in-0.consumer.partitions=" + this.partitions,
				"--spring.cloud.stream.driftq.bindings.bench-in-0.consumer.buffer-size=" + BUFFER_SIZE,
				"--spring.cloud.stream.driftq.bindings.bench-in-0.consumer.lease=" + LEASE.toSeconds() + "s",
				"--spring.cloud.stream.output-bindings=benchOut",
				"--spring.cloud.stream.bindings.benchOut-out-0.destination=" + topic)) {
			if (Boolean.getBoolean("rawProducer")) {
				// diagnostic: the binder's consumer alone, fed by the raw client (tells the two halves apart)
				try (DriftqClient client = DriftqClient.builder(this.url).build()) {
					return produceAndAwait(tracker, topic, (key, value) -> client.produce(topic, key, value),
							overloadsBefore);
				}
			}
			StreamBridge bridge = context.getBean(StreamBridge.class);
			return produceAndAwait(tracker, topic, (key, value) -> {
				Message<byte[]> message = MessageBuilder.withPayload(value.getBytes(StandardCharsets.UTF_8))
					.setHeader(DriftqHeaders.KEY, key)
					.build();
				if (!bridge.send("benchOut-out-0", message)) {
					throw new IllegalStateException("StreamBridge.send returned false");
				}
			}, overloadsBefore);
		}
	}

	private Stats.Round produceAndAwait(Tracker tracker, String topic, Tracker.Sender sender, long overloadsBefore)
			throws Exception {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread producer = new Thread(() -> {
			try {
				tracker.produce(topic + "-k", sender);
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, "producer");
		producer.start();
		producer.join(this.timeoutSeconds * 1000);
		if (failure.get() != null) {
			throw new IllegalStateException("producer failed on " + topic, failure.get());
		}
		return tracker.await(this.timeoutSeconds, OverloadCounter.count() - overloadsBefore);
	}

}
