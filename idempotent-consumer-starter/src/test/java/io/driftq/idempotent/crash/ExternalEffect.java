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

package io.driftq.idempotent.crash;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import io.driftq.idempotent.EffectContext;

/**
 * The "external effect" of the crash tests: a file in the effects directory, one per
 * execution, named after the downstream idempotency key plus a unique suffix. A
 * downstream system that deduplicates on the key would collapse all files of one key into
 * one effect; counting them shows how often the effect really ran.
 */
final class ExternalEffect {

	static final String SUFFIX = ".effect";

	private ExternalEffect() {
	}

	/**
	 * Performs the effect for the effect running on this thread
	 * ({@link EffectContext#current()}).
	 * @param directory the effects directory
	 * @return the effect's result, {@code charge-<id>}
	 */
	static String perform(Path directory) {
		EffectContext context = EffectContext.current();
		String id = UUID.randomUUID().toString();
		Properties properties = new Properties();
		properties.setProperty("key", context.idempotencyKey());
		properties.setProperty("id", id);
		properties.setProperty("attempt", Integer.toString(context.attempt()));
		properties.setProperty("takenOver", Boolean.toString(context.takenOver()));
		properties.setProperty("fencingToken", Long.toString(context.fencingToken()));
		properties.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
		String name = URLEncoder.encode(context.idempotencyKey(), StandardCharsets.UTF_8) + "~" + id + SUFFIX;
		writeAtomically(directory.resolve(name), properties);
		return result(id);
	}

	static String result(String id) {
		return "charge-" + id;
	}

	/**
	 * @param directory the effects directory
	 * @return every effect performed so far, in no particular order
	 */
	static List<Performed> list(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(SUFFIX))
				.map(ExternalEffect::read)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @param directory the effects directory
	 * @param key the downstream idempotency key
	 * @return the effects performed with the key
	 */
	static List<Performed> withKey(Path directory, String key) {
		return list(directory).stream().filter((effect) -> effect.key().equals(key)).toList();
	}

	static void writeAtomically(Path file, Properties properties) {
		try {
			Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
			try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
				properties.store(writer, null);
			}
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Properties readProperties(Path file) {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

	private static Performed read(Path file) {
		Properties properties = readProperties(file);
		String key = properties.getProperty("key");
		String expectedName = URLEncoder.encode(key, StandardCharsets.UTF_8) + "~" + properties.getProperty("id")
				+ SUFFIX;
		if (!file.getFileName().toString().equals(expectedName)) {
			throw new IllegalStateException("Effect file " + file + " does not match its content " + properties);
		}
		return new Performed(key, properties.getProperty("id"), Integer.parseInt(properties.getProperty("attempt")),
				Boolean.parseBoolean(properties.getProperty("takenOver")),
				Long.parseLong(properties.getProperty("fencingToken")), Long.parseLong(properties.getProperty("pid")));
	}

	/**
	 * One performed effect.
	 *
	 * @param key the downstream idempotency key it was given
	 * @param id its unique id
	 * @param attempt the attempt that performed it
	 * @param takenOver whether that attempt was told the effect may have happened already
	 * @param fencingToken the attempt's fencing token
	 * @param pid the process that performed it
	 */
	record Performed(String key, String id, int attempt, boolean takenOver, long fencingToken, long pid) {

		String result() {
			return ExternalEffect.result(this.id);
		}

	}

}
