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

package io.driftq.cloud.stream.binder;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Test helper: reads a dead letter topic with a fresh group that acks every record as it
 * reads it.
 */
final class DeadLetters {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DeadLetters() {
	}

	/**
	 * Waits until {@code count} records were read from {@code topic} (within
	 * {@code timeout}) and returns them.
	 */
	static List<ConsumedMessage> read(DriftqClient client, String topic, int count, Duration timeout) {
		await().atMost(timeout).until(() -> client.listTopics().contains(topic));
		List<ConsumedMessage> records = new CopyOnWriteArrayList<>();
		try (ConsumeSubscription dlq = client
			.subscribe(ConsumeOptions.builder(topic, "inspector-" + UUID.randomUUID()).build())) {
			await().atMost(timeout).until(() -> {
				ConsumedMessage dead = dlq.poll(Duration.ofMillis(200));
				if (dead != null) {
					records.add(dead);
					client.ack(dead);
				}
				return records.size() >= count;
			});
		}
		return records;
	}

	/** Whether {@code topic} holds any record now (read with a group that never acks). */
	static boolean isEmpty(DriftqClient client, String topic) throws InterruptedException {
		if (!client.listTopics().contains(topic)) {
			return true;
		}
		try (ConsumeSubscription dlq = client
			.subscribe(ConsumeOptions.builder(topic, "peek-" + UUID.randomUUID()).build())) {
			return dlq.poll(Duration.ofSeconds(2)) == null;
		}
	}

	static JsonNode json(ConsumedMessage record) {
		return JSON.readTree(record.value());
	}

}
