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

package io.driftq.cloud.stream.binder.properties;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata the processor generated (what IDEs show): every field of the
 * properties classes is described, in plain text, under the binder prefix, the
 * per-binding docs prefix and the defaults prefix, with the defaults docs/binder.md
 * states.
 */
class DriftqConfigurationMetadataTests {

	private static final String DRIFTQ = "spring.cloud.stream.driftq.";

	/**
	 * Metadata prefix of each properties class, and the heading of its table in
	 * docs/binder.md.
	 */
	private static final List<Prefix> PREFIXES = List.of(
			new Prefix(DRIFTQ + "binder.", DriftqBinderConfigurationProperties.class, "## Binder properties"),
			new Prefix(DRIFTQ + "bindings.for-docs-only.consumer.", DriftqConsumerProperties.class,
					"## Consumer properties"),
			new Prefix(DRIFTQ + "default.consumer.", DriftqConsumerProperties.class, "## Consumer properties"),
			new Prefix(DRIFTQ + "bindings.for-docs-only.producer.", DriftqProducerProperties.class,
					"## Producer properties"),
			new Prefix(DRIFTQ + "default.producer.", DriftqProducerProperties.class, "## Producer properties"));

	private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z.-]+)` \\| ([^|]+) \\|");

	private final Map<String, JsonNode> properties = readMetadata();

	@Test
	void everyFieldIsDescribedInPlainTextUnderEachPrefix() {
		for (Prefix prefix : PREFIXES) {
			for (String name : propertyNames(prefix.type())) {
				JsonNode property = this.properties.get(prefix.name() + name);
				assertThat(property).as(prefix.name() + name).isNotNull();
				String description = property.path("description").asString("");
				assertThat(description).as("description of " + prefix.name() + name)
					.isNotBlank()
					.doesNotContain("{@")
					.doesNotContain("<code>");
			}
		}
	}

	@Test
	void nothingButTheFieldsIsDescribedUnderThePrefixes() {
		for (Prefix prefix : PREFIXES) {
			List<String> described = this.properties.keySet()
				.stream()
				.filter((name) -> name.startsWith(prefix.name()))
				.map((name) -> name.substring(prefix.name().length()))
				.toList();
			assertThat(described).as(prefix.name()).containsExactlyInAnyOrderElementsOf(propertyNames(prefix.type()));
		}
	}

	@Test
	void defaultsAreTheOnesOfTheFieldInitialisers() {
		Map<String, String> expected = Map.ofEntries(Map.entry("binder.url", "http://localhost:8080"),
				Map.entry("binder.auto-create-topics", "true"), Map.entry("binder.request-timeout", "10s"),
				Map.entry("binder.overload-retries", "5"), Map.entry("binder.enable-observation", "false"),
				Map.entry("binder.observation-message-key", "false"),
				Map.entry("binder.json-byte-array-pass-through", "true"),
				Map.entry("binder.health.stall-timeout", "60s"), Map.entry("default.consumer.ack-mode", "auto"),
				Map.entry("default.consumer.lease", "30s"), Map.entry("default.consumer.buffer-size", "2"),
				Map.entry("default.consumer.dlq-mode", "broker"), Map.entry("default.consumer.shutdown-timeout", "30s"),
				Map.entry("default.consumer.extract-embedded-headers", "true"),
				Map.entry("default.consumer.nack-delay", "10s"), Map.entry("default.consumer.max-deliveries", "5"),
				Map.entry("default.producer.retry-max-attempts", "5"),
				Map.entry("default.producer.retry-backoff", "1s"),
				Map.entry("default.producer.retry-max-backoff", "30s"), Map.entry("default.producer.sync", "true"),
				Map.entry("default.producer.max-block", "60s"));
		expected.forEach((name, value) -> assertThat(defaultOf(DRIFTQ + name)).as(name).isEqualTo(value));
		this.properties.keySet()
			.stream()
			.filter((name) -> name.startsWith(DRIFTQ + "default.") || name.startsWith(DRIFTQ + "binder."))
			.filter((name) -> !expected.containsKey(name.substring(DRIFTQ.length())))
			.forEach((name) -> assertThat(defaultOf(name)).as(name + " has no default").isNull());
	}

	@Test
	void docsBinderMdListsEveryPropertyWithTheSameDefault() throws IOException {
		List<String> docs = Files.readAllLines(Path.of("..", "docs", "binder.md"));
		for (Prefix prefix : PREFIXES) {
			Map<String, String> table = table(docs, prefix.heading());
			for (String name : propertyNames(prefix.type())) {
				assertThat(table).as(prefix.heading() + " in docs/binder.md").containsKey(name);
				String metadataDefault = defaultOf(prefix.name() + name);
				if (metadataDefault != null) {
					assertThat(table.get(name).replace("`", "").trim()).as("docs/binder.md default of " + name)
						.isEqualTo(metadataDefault);
				}
			}
		}
	}

	/**
	 * The first column (property) and second column (default) of the table under the
	 * heading.
	 */
	private static Map<String, String> table(List<String> lines, String heading) {
		Map<String, String> rows = new LinkedHashMap<>();
		boolean inSection = false;
		for (String line : lines) {
			if (line.startsWith("## ")) {
				inSection = line.startsWith(heading);
				continue;
			}
			Matcher row = TABLE_ROW.matcher(line);
			if (inSection && row.find()) {
				rows.put(row.group(1), row.group(2));
			}
		}
		return rows;
	}

	private String defaultOf(String name) {
		assertThat(this.properties).as("generated metadata").containsKey(name);
		JsonNode value = this.properties.get(name).get("defaultValue");
		return (value == null || value.isNull()) ? null : value.asString().toLowerCase(Locale.ROOT);
	}

	/**
	 * The property names of the fields; a field of a class nested in {@code type} gives
	 * {@code field.nested-field}.
	 */
	private static List<String> propertyNames(Class<?> type) {
		return Arrays.stream(type.getDeclaredFields())
			.filter((field) -> !Modifier.isStatic(field.getModifiers()))
			.flatMap((field) -> {
				String name = field.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
				return (field.getType().getDeclaringClass() == type && !field.getType().isEnum())
						? propertyNames(field.getType()).stream().map((nested) -> name + "." + nested)
						: java.util.stream.Stream.of(name);
			})
			.toList();
	}

	/**
	 * This module's generated metadata (other jars on the class path carry their own).
	 */
	private static Map<String, JsonNode> readMetadata() {
		try {
			for (URL url : Collections.list(DriftqConfigurationMetadataTests.class.getClassLoader()
				.getResources("META-INF/spring-configuration-metadata.json"))) {
				try (InputStream in = url.openStream()) {
					JsonNode root = JsonMapper.builder().build().readTree(in);
					Map<String, JsonNode> byName = new LinkedHashMap<>();
					root.path("properties")
						.forEach((property) -> byName.put(property.get("name").asString(), property));
					if (byName.containsKey(DRIFTQ + "binder.url")) {
						return byName;
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		throw new AssertionError("No META-INF/spring-configuration-metadata.json with the DriftQ binder's properties");
	}

	private record Prefix(String name, Class<?> type, String heading) {
	}

}
