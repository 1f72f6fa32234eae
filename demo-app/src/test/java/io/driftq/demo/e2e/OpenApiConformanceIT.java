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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.driftq.demo.Topics;
import io.driftq.test.RequiredService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API against its own OpenAPI document: schemathesis ({@code st run --checks all}, a
 * bounded number of examples per operation, every phase) against the real demo API (a
 * separate JVM, {@code driftqd}, SQLite), 0 failures allowed, and no ERROR in the API's
 * log. The event stream is tested too, bounded to its first event (see
 * {@code schemathesis/schemathesis.toml}). Workers are not part of this test: a drain
 * acks the commands so that {@code sidefx.commands} never fills.
 * <p>
 * schemathesis is a Python tool: {@code .ci/run} installs the version pinned in
 * {@code src/test/resources/schemathesis/requirements.txt} into
 * {@code /opt/schemathesis}; {@code SCHEMATHESIS_BIN} names another {@code st}. Missing
 * (or another version) it fails the test with {@code CI=true} and skips it otherwise.
 * {@code -Dschemathesis.seed=N} replays a run (the seed is in the report).
 */
class OpenApiConformanceIT {

	/** Examples per operation and phase: the whole run stays well under 90 s. */
	private static final int MAX_EXAMPLES = 30;

	private static final Path DEFAULT_ST = Path.of("/opt/schemathesis/bin/st");

	private static Path st;

	private static DemoStack stack;

	private static TopicDrain commands;

	@BeforeAll
	static void start() {
		st = schemathesis();
		stack = DemoStack.onSqlite("openapi")
			// the demo profile serves /openapi.json; no re-drives: runs stay queued here,
			// nobody works on them
			.startApi(List.of("--spring.profiles.active=demo", "--sidefx.redrive-after=0"));
		commands = new TopicDrain(stack.driftq().baseUrl(), Topics.COMMANDS);
	}

	@AfterAll
	static void stop() {
		if (commands != null) {
			commands.close();
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void theApiAnswersExactlyAsItsOpenApiDocumentSays() throws Exception {
		Path reports = Files.createDirectories(Path.of("target", "schemathesis").toAbsolutePath());
		Path output = reports.resolve("st-run.txt");
		List<String> command = new ArrayList<>(List.of(st.toString(), "--config-file", resource("schemathesis.toml"),
				"run", stack.apiProcess().baseUrl() + "/openapi.json", "--checks", "all", "--max-examples",
				String.valueOf(MAX_EXAMPLES), "--request-timeout", "10", "--no-color", "--output-sanitize", "false",
				"--report", "junit", "--report-dir", reports.toString()));
		String seed = System.getProperty("schemathesis.seed");
		if (seed != null && !seed.isBlank()) {
			command.addAll(List.of("--seed", seed));
		}
		Process process = new ProcessBuilder(command).directory(reports.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		boolean finished = process.waitFor(5, TimeUnit.MINUTES);
		if (!finished) {
			process.destroyForcibly();
		}
		String report = Files.readString(output, StandardCharsets.UTF_8);
		System.out.println(report);

		assertThat(finished).as("schemathesis finished within 5 minutes:%n%s", report).isTrue();
		assertThat(process.exitValue()).as("schemathesis exit code (%s), its report:%n%s", command, report).isZero();
		assertThat(report).contains("Stateful");
		List<String> errors = Files.readAllLines(stack.apiProcess().logFile())
			.stream()
			.filter((line) -> line.contains(" ERROR "))
			.toList();
		assertThat(errors).as("ERROR lines in the API's log (%s)", stack.apiProcess().logFile()).isEmpty();
	}

	/**
	 * The {@code st} to run, in the pinned version; else the test fails on CI and is
	 * skipped elsewhere.
	 */
	private static Path schemathesis() {
		String configured = System.getenv("SCHEMATHESIS_BIN");
		Path executable = (configured != null && !configured.isBlank()) ? Path.of(configured) : DEFAULT_ST;
		String pinned = pinnedVersion();
		if (!Files.isExecutable(executable)) {
			throw RequiredService.missing("schemathesis " + pinned + " at " + executable + " (install it with .ci/run,"
					+ " or: python3 -m venv /opt/schemathesis && /opt/schemathesis/bin/pip install schemathesis=="
					+ pinned + "; SCHEMATHESIS_BIN names another st)");
		}
		String version = version(executable);
		if (!version.contains("version " + pinned)) {
			throw RequiredService.missing("schemathesis " + pinned + " (the pin in schemathesis/requirements.txt), but "
					+ executable + " is '" + version + "'; .ci/run installs the pinned one");
		}
		return executable;
	}

	private static String pinnedVersion() {
		try {
			return Files.readAllLines(Path.of(resource("requirements.txt")))
				.stream()
				.map(String::trim)
				.filter((line) -> line.startsWith("schemathesis=="))
				.map((line) -> line.substring("schemathesis==".length()))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no schemathesis== pin in requirements.txt"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String version(Path executable) {
		try {
			Process process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
			String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			return text;
		}
		catch (IOException ex) {
			return "not runnable: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String resource(String name) {
		try {
			return Path.of(OpenApiConformanceIT.class.getResource("/schemathesis/" + name).toURI()).toString();
		}
		catch (URISyntaxException | NullPointerException ex) {
			throw new IllegalStateException("test resource schemathesis/" + name + " is missing", ex);
		}
	}

}
