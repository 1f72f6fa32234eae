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

package io.driftq.idempotent.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's optional dependencies, missing from a real application's class path (a
 * child JVM): startup fails and the failure description's first line names the dependency
 * to add.
 */
class MissingDependenciesApplicationTests {

	/** Not part of a starter-only application either. */
	private static final List<String> NO_JDBC = List.of("spring-boot-jdbc-", "spring-boot-flyway-",
			"spring-boot-liquibase-", "flyway-", "liquibase-", "HikariCP-");

	@TempDir
	Path directory;

	@Test
	void anApplicationWithOnlyTheStarterAndTheSqliteLinesRunsOnTheDefaultFile() throws Exception {
		Child child = run(List.of(), "--shop.charge=run-sqlite:order-1");
		assertThat(child.exitCode()).as(child.output()).isZero();
		assertThat(child.output()).contains("order-1 charged with run-sqlite:charge_card:order-1");
		assertThat(this.directory.resolve("effects.sqlite")).exists();
	}

	@Test
	void theSqliteDefaultWithoutTheSqliteDriverNamesIt() throws Exception {
		String output = runFailing(List.of("sqlite-jdbc-"));
		assertThat(PostgresUserPathApplicationTests.firstDescriptionLine(output)).as(output)
			.contains("needs the SQLite driver and pool: add the dependency org.xerial:sqlite-jdbc,");
	}

	@Test
	void theSqliteDefaultWithoutItsPoolNamesIt() throws Exception {
		String output = runFailing(List.of("commons-dbcp2-"));
		assertThat(PostgresUserPathApplicationTests.firstDescriptionLine(output)).as(output)
			.contains("add the dependency org.apache.commons:commons-dbcp2,");
	}

	@Test
	void anIdempotentEffectWithoutAspectjNamesTheAspectjStarter() throws Exception {
		String output = runFailing(List.of("aspectjweaver-", "spring-boot-starter-aspectj-"));
		assertThat(PostgresUserPathApplicationTests.firstDescriptionLine(output)).as(output)
			.contains("needs AspectJ: add org.springframework.boot:spring-boot-starter-aspectj");
	}

	private String runFailing(List<String> withoutJars) throws Exception {
		Child child = run(withoutJars);
		assertThat(child.exitCode()).as(child.output()).isNotZero();
		return child.output();
	}

	record Child(int exitCode, String output) {
	}

	private Child run(List<String> withoutJars, String... args) throws Exception {
		List<String> without = new ArrayList<>(NO_JDBC);
		without.addAll(withoutJars);
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> without.stream().noneMatch(Path.of(entry).getFileName().toString()::startsWith))
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m",
						"-XX:TieredStopAtLevel=1", "-cp", classPath, ShopApplication.class.getName(),
						"--driftq.effects.sqlite.path=" + this.directory.resolve("effects.sqlite"),
						"--spring.main.web-application-type=none"));
		command.addAll(List.of(args));
		Path log = Files.createTempFile(this.directory, "child", ".log");
		Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return new Child(child.exitValue(), Files.readString(log));
	}

}
