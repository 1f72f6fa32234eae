package io.driftq.demo.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.driftq.test.DriftqServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What an in-JVM demo test runs against: a real {@code driftqd} and a data directory of its own.
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
