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

import io.driftq.test.DriftqServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What an in-JVM demo test runs against: a real {@code driftqd} and a data directory of
 * its own.
 *
 * @param driftq the server
 * @param data the directory of the SQLite file and the artifacts
 */
record DemoTestStack(DriftqServer driftq, Path data) {

	static DemoTestStack start(String name) {
		try {
			return new DemoTestStack(DriftqServer.builder().name(name).build().start(),
					Files.createTempDirectory(name + "-"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Points the demo at this stack (call from a {@code @DynamicPropertySource}). */
	void register(DynamicPropertyRegistry registry) {
		registry.add("sidefx.driftq-url", this.driftq::baseUrl);
		registry.add("sidefx.db-path", () -> this.data.resolve("side_effects.sqlite").toString());
		registry.add("sidefx.artifacts-dir", () -> this.data.resolve("artifacts").toString());
	}

}
