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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.driftq.demo.config.DemoProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Python starter's debug views: effect rows, ticket artifacts, the DLQ. Only where
 * {@code sidefx.demo-views.enabled} is set (the {@code demo} profile); elsewhere
 * {@code /debug/*} is 404.
 */
@RestController
@Validated
@Profile("!worker")
@ConditionalOnBooleanProperty("sidefx.demo-views.enabled")
class DebugController {

	private final EffectRows effects;

	private final DemoProperties properties;

	private final DeadLetterStore deadLetters;

	private final JsonMapper json;

	DebugController(EffectRows effects, DemoProperties properties, DeadLetterStore deadLetters, JsonMapper json) {
		this.effects = effects;
		this.properties = properties;
		this.deadLetters = deadLetters;
		this.json = json;
	}

	@GetMapping("/debug/side-effects")
	Map<String, Object> sideEffects(@RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
		List<Map<String, Object>> items = this.effects.recent(limit);
		return Map.of("count", items.size(), "items", items);
	}

	/**
	 * The ticket files: the newest 50 by name as the Python API lists them, or the one
	 * named {@code name}.
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
	 * A page of the records of {@code sidefx.dlq}, oldest first, as
	 * {@link DeadLetterMirror} stored them: up to {@code limit} with an offset above
	 * {@code after}; {@code next_after} is the offset to ask for the next page with
	 * ({@code null} when this page was the last one so far).
	 */
	@GetMapping("/debug/dlq")
	Map<String, Object> dlq(@RequestParam(defaultValue = "5") @Min(1) @Max(100) int limit,
			@RequestParam(defaultValue = "-1") @Min(-1) long after) {
		List<DeadLetterStore.StoredDeadLetter> page = this.deadLetters.page(after, limit);
		List<Object> items = new ArrayList<>();
		page.forEach((letter) -> items.add(parse(letter.record())));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("count", items.size());
		answer.put("items", items);
		answer.put("next_after", (page.size() == limit) ? page.get(page.size() - 1).offset() : null);
		return answer;
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
