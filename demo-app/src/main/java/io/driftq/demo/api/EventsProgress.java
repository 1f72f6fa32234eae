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

package io.driftq.demo.api;

import java.time.Duration;
import java.util.UUID;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.demo.Topics;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * What a run's events topic says about its progress, for the re-drive: a worker whose run
 * table the API does not share (another store, the Python worker) still publishes
 * {@code side_effect.done} and {@code run.completed}. Read with one group per topic,
 * {@value #GROUP}, that acks every event at once: a group that never acks gets only 2
 * messages (DriftQ's in-flight limit), and one that acks everything it is dealt is never
 * the slowest group, so it never shrinks the topic's room. Each look sees only the events
 * since the previous one.
 */
@Component
@Profile("!worker")
class EventsProgress {

	static final String GROUP = "sidefx-progress";

	static final String COMPLETED = "run.completed";

	static final String EFFECT_DONE = "side_effect.done";

	private static final Duration QUIET = Duration.ofMillis(300);

	private static final Duration MAX = Duration.ofSeconds(3);

	private final DriftqClient client;

	private final JsonMapper json;

	EventsProgress(DriftqClient client, JsonMapper json) {
		this.client = client;
		this.json = json;
	}

	/**
	 * The furthest progress event published since the last look.
	 * @param runId the run
	 * @return {@value #COMPLETED}, {@value #EFFECT_DONE} or {@code null}
	 */
	String since(String runId) throws InterruptedException {
		ConsumeOptions options = ConsumeOptions.builder(Topics.events(runId), GROUP)
			.owner(GROUP + "-" + UUID.randomUUID().toString().substring(0, 8))
			.lease(Duration.ofSeconds(10))
			.build();
		String seen = null;
		try (ConsumeSubscription subscription = this.client.subscribe(options)) {
			long deadline = System.nanoTime() + MAX.toNanos();
			while (System.nanoTime() < deadline && !COMPLETED.equals(seen)) {
				ConsumedMessage message = subscription.poll(QUIET);
				if (message == null) {
					break;
				}
				String type = typeOf(message.value());
				if (COMPLETED.equals(type) || (EFFECT_DONE.equals(type) && seen == null)) {
					seen = type;
				}
				this.client.ack(message);
			}
		}
		return seen;
	}

	private String typeOf(String value) {
		try {
			return this.json.readTree(value).path("type").asString();
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
