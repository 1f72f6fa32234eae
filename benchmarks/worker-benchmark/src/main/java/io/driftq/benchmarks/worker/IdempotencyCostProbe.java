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

package io.driftq.benchmarks.worker;

import java.nio.file.Path;

import io.driftq.client.DriftqClient;
import io.driftq.client.model.Envelope;
import io.driftq.client.model.ProduceRequest;
import io.driftq.test.DriftqServer;

/**
 * What one produce costs {@code driftqd} as the messages it has seen grow, with and
 * without an idempotency key: two fresh servers, the same produces (a new topic every 50
 * messages, as a worker's runs each get an events topic), {@code driftqd}'s CPU per
 * produce reported per batch. Run with {@code mode=idempotency-cost}; see
 * docs/benchmarks.md for what it shows.
 */
final class IdempotencyCostProbe {

	private static final int PER_TOPIC = 50;

	private static final String VALUE = "{\"type\":\"side_effect.done\",\"run_id\":\"probe\"," + "\"note\":\""
			+ "x".repeat(150) + "\"}";

	private IdempotencyCostProbe() {
	}

	static void run(int batches, int batchSize) {
		System.out.printf("idempotency-cost: %d batches of %d produces per server; driftqd CPU per produce, in ms%n",
				batches, batchSize);
		double[] keyed = measure(true, batches, batchSize);
		double[] plain = measure(false, batches, batchSize);
		System.out.printf("%12s %14s %14s%n", "produced", "with key", "without key");
		for (int i = 0; i < batches; i++) {
			System.out.printf("%12d %14.3f %14.3f%n", (long) (i + 1) * batchSize, keyed[i], plain[i]);
		}
	}

	private static double[] measure(boolean withKey, int batches, int batchSize) {
		double[] perProduce = new double[batches];
		Path logs = Path.of(System.getProperty("java.io.tmpdir"), "worker-benchmark-logs");
		try (DriftqServer server = DriftqServer.builder().name("idempotency-cost").logDirectory(logs).build().start();
				DriftqClient client = DriftqClient.builder(server.baseUrl()).build()) {
			long n = 0;
			for (int batch = 0; batch < batches; batch++) {
				long cpu = DrainPhase.serverCpu(server);
				for (int i = 0; i < batchSize; i++, n++) {
					String topic = "probe." + (n / PER_TOPIC);
					if (n % PER_TOPIC == 0) {
						client.createTopic(topic, 1);
					}
					Envelope envelope = withKey ? Envelope.builder().idempotencyKey("evt:" + n).build() : null;
					client.produce(new ProduceRequest(topic, null, VALUE, envelope));
				}
				perProduce[batch] = (DrainPhase.serverCpu(server) - cpu) / 1e6 / batchSize;
			}
		}
		return perProduce;
	}

}
