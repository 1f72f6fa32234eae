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

package io.driftq.demo.e2e;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqException;
import io.driftq.client.model.ConsumedMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads every record of {@code sidefx.dlq} from the earliest one, acking each at once,
 * until closed. It must keep draining once started: a group that acked and then stopped
 * would become the slowest group and could fill the DLQ's partition for the rest of the
 * test (docs/driftq-behaviour.md, fact 12). A test therefore starts it only after it has
 * judged whether dead letters alone kept the system flowing.
 */
final class DeadLetterDrain implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<JsonNode> records = new CopyOnWriteArrayList<>();

	private final DriftqClient client;

	private final Thread reader;

	private volatile boolean running = true;

	DeadLetterDrain(String driftqUrl) {
		this.client = DriftqClient.builder(driftqUrl).build();
		this.reader = new Thread(this::drain, "dlq-drain");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	private void drain() {
		ConsumeOptions options = ConsumeOptions.builder("sidefx.dlq", "test-dlq-drain")
			.owner("test-dlq-drain")
			.lease(Duration.ofSeconds(30))
			.build();
		try (ConsumeSubscription subscription = this.client.subscribe(options)) {
			while (this.running) {
				ConsumedMessage message = subscription.poll(Duration.ofMillis(500));
				if (message == null) {
					continue;
				}
				this.records.add(JSON.readTree(message.value()));
				try {
					this.client.ack(message);
				}
				catch (DriftqException ex) {
					// a broker restart: the record comes again and is read twice, which
					// the tests allow
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** The records read so far. */
	List<JsonNode> records() {
		return List.copyOf(this.records);
	}

	@Override
	public void close() {
		this.running = false;
		this.reader.interrupt();
		this.client.close();
	}

}
