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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqException;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.demo.Topics;
import io.driftq.demo.config.DemoProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Profile;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The Python starter's debug views: effect rows, ticket artifacts, a peek at the DLQ. */
@RestController
@Validated
@Profile("!worker")
class DebugController {

	/** How long the DLQ peek waits for the next record before it answers with what it has. */
	private static final Duration DLQ_QUIET = Duration.ofMillis(1500);

	private static final Duration DLQ_MAX = Duration.ofSeconds(5);

	private final EffectRows effects;

	private final DemoProperties properties;

	private final DriftqClient client;

	private final JsonMapper json;

	DebugController(EffectRows effects, DemoProperties properties, DriftqClient client, JsonMapper json) {
		this.effects = effects;
		this.properties = properties;
		this.client = client;
		this.json = json;
	}

	@GetMapping("/debug/side-effects")
	Map<String, Object> sideEffects(@RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
		List<Map<String, Object>> items = this.effects.recent(limit);
		return Map.of("count", items.size(), "items", items);
	}

	/**
	 * The ticket files: the newest 50 by name as the Python API lists them, or the one named {@code name}.
	 */
	@GetMapping("/debug/artifacts")
	Map<String, Object> artifacts(@RequestParam(required = false) String name) {
		Path dir = this.properties.ticketsDir();
		List<Map<String, Object>> items = new ArrayList<>();
		if (Files.isDirectory(dir)) {
			try (Stream<Path> files = Files.list(dir)) {
				List<Path> tickets = files.filter(Files::isRegularFile)
					.filter((p) -> p.getFileName().toString().endsWith(".json"))
					.filter((p) -> name == null || p.getFileName().toString().equals(name))
					.sorted()
					.toList();
				for (Path ticket : tickets.subList(Math.max(0, tickets.size() - 50), tickets.size())) {
					Map<String, Object> item = new LinkedHashMap<>();
					item.put("name", ticket.getFileName().toString());
					item.put("bytes", Files.size(ticket));
					items.add(item);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot list " + dir, ex);
			}
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("tickets_dir", dir.toString());
		answer.put("count", items.size());
		answer.put("items", items);
		return answer;
	}

	/**
	 * Reads up to {@code limit} records of {@code sidefx.dlq} with a throwaway group (nothing is acked; the DLQ is
	 * left as it was).
	 */
	@GetMapping("/debug/dlq")
	Map<String, Object> dlq(@RequestParam(defaultValue = "5") @Min(1) @Max(100) int limit) throws InterruptedException {
		String group = "debug-dlq-" + UUID.randomUUID().toString().substring(0, 8);
		List<Object> items = new ArrayList<>();
		try {
			this.client.createTopic(Topics.DLQ, 1);
			ConsumeOptions options = ConsumeOptions.builder(Topics.DLQ, group).owner(group).lease(Duration.ofSeconds(30))
				.build();
			try (ConsumeSubscription subscription = this.client.subscribe(options)) {
				long deadline = System.nanoTime() + DLQ_MAX.toNanos();
				while (items.size() < limit && System.nanoTime() < deadline) {
					ConsumedMessage message = subscription.poll(DLQ_QUIET);
					if (message == null) {
						break;
					}
					items.add(parse(message.value()));
				}
			}
		}
		catch (DriftqException ex) {
			throw new DriftqUnavailableProblem("DriftQ could not read " + Topics.DLQ + ": " + ex.getMessage(), ex);
		}
		return Map.of("count", items.size(), "items", items);
	}

	private Object parse(String value) {
		try {
			return this.json.readTree(value);
		}
		catch (JacksonException ex) {
			return value;
		}
	}

}
