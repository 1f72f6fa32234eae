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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.driftq.test.RequiredService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A real Spring Boot application on a real PostgreSQL ({@code DRIFTQ_TEST_POSTGRES_URL}),
 * configured as docs/integrate.md tells a user: {@code spring.datasource.*}. The effect
 * table lives in PostgreSQL, or startup fails and the failure's description starts with
 * the property and the fix; never a silent SQLite file.
 */
@ExtendWith(OutputCaptureExtension.class)
class PostgresUserPathApplicationTests {

	private static final String URL = System.getenv("DRIFTQ_TEST_POSTGRES_URL");

	private static final String USER = System.getenv("DRIFTQ_TEST_POSTGRES_USER");

	private static final String PASSWORD = System.getenv("DRIFTQ_TEST_POSTGRES_PASSWORD");

	/**
	 * The jars a user who did not add spring-boot-starter-jdbc does not have (nor the
	 * migration tools).
	 */
	private static final List<String> WITHOUT_STARTER_JDBC = List.of("spring-boot-jdbc-", "spring-boot-flyway-",
			"spring-boot-liquibase-", "flyway-", "liquibase-", "spring-boot-starter-jdbc-", "HikariCP-");

	/**
	 * A PostgreSQL user's application: no SQLite driver or pool (optional in the
	 * starter).
	 */
	private static final List<String> WITHOUT_SQLITE = List.of("sqlite-jdbc-", "commons-dbcp2-", "commons-pool2-",
			"spring-boot-flyway-", "spring-boot-liquibase-", "flyway-", "liquibase-");

	private final String schema = "user_path_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@TempDir
	Path directory;

	@BeforeEach
	void createSchema() throws Exception {
		if (URL == null || URL.isBlank()) {
			throw RequiredService.missing("PostgreSQL: set DRIFTQ_TEST_POSTGRES_URL, _USER and _PASSWORD");
		}
		execute("CREATE SCHEMA " + this.schema);
	}

	@AfterEach
	void dropSchema() throws Exception {
		if (URL != null && !URL.isBlank()) {
			execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
		}
	}

	private List<String> userProperties() {
		return new ArrayList<>(List.of(
				"--spring.datasource.url=" + URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + this.schema,
				"--spring.datasource.username=" + USER, "--spring.datasource.password=" + PASSWORD,
				// where a silent fallback would write
				"--driftq.effects.sqlite.path=" + sqliteDefault(),
				// the module's test class path has Spring MVC: no web server (and no
				// fixed port) for this application
				"--spring.main.web-application-type=none",
				// the module's test classpath has Flyway and Liquibase, which this
				// application does not use
				"--spring.autoconfigure.exclude=org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
						+ "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration"));
	}

	private Path sqliteDefault() {
		return this.directory.resolve("silent.sqlite");
	}

	@Test
	void withSpringDatasourceAndInitializeSchemaTheEffectTableIsInPostgres() throws Exception {
		List<String> args = userProperties();
		args.add("--driftq.effects.jdbc.initialize-schema=always");
		try (ConfigurableApplicationContext context = SpringApplication.run(ShopApplication.class,
				args.toArray(String[]::new))) {
			ShopApplication.Billing billing = context.getBean(ShopApplication.Billing.class);
			String first = billing.charge("run-1", "order-1");
			assertThat(billing.charge("run-1", "order-1")).isEqualTo(first);
		}
		assertThat(count("SELECT count(*) FROM " + this.schema + ".driftq_effect WHERE run_id = 'run-1'")).isOne();
		assertThat(sqliteDefault()).doesNotExist();
	}

	@Test
	void withoutTheTableStartupFailsAndTheDescriptionStartsWithInitializeSchema(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> SpringApplication.run(ShopApplication.class, userProperties().toArray(String[]::new)));
		assertThat(firstDescriptionLine(output.getAll())).contains("driftq_effect")
			.contains("driftq.effects.jdbc.initialize-schema=always");
		assertThat(output.getAll()).doesNotContain("Advisor sorting failed");
		assertThat(sqliteDefault()).doesNotExist();
	}

	@Test
	void withoutSpringBootStarterJdbcStartupFailsNamingIt() throws Exception {
		Child child = runChild(WITHOUT_STARTER_JDBC, userProperties());
		assertThat(child.exitCode()).as(child.output()).isNotZero();
		assertThat(firstDescriptionLine(child.output())).as(child.output())
			.contains("spring.datasource.url is set but no DataSource bean exists")
			.contains("spring-boot-starter-jdbc");
		assertThat(sqliteDefault()).doesNotExist();
	}

	@Test
	void aPostgresApplicationNeedsNoSqliteDriverNorPool() throws Exception {
		List<String> args = userProperties();
		args.add("--driftq.effects.jdbc.initialize-schema=always");
		args.add("--shop.charge=run-child:order-1");
		Child child = runChild(WITHOUT_SQLITE, args);
		assertThat(child.exitCode()).as(child.output()).isZero();
		assertThat(child.output()).contains("order-1 charged with run-child:charge_card:order-1");
		assertThat(count("SELECT count(*) FROM " + this.schema + ".driftq_effect WHERE run_id = 'run-child'")).isOne();
		assertThat(sqliteDefault()).doesNotExist();
	}

	record Child(int exitCode, String output) {
	}

	/**
	 * Runs {@link ShopApplication} in a JVM of its own, on this class path minus the jars
	 * named.
	 */
	Child runChild(List<String> withoutJars, List<String> args) throws Exception {
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> withoutJars.stream().noneMatch(Path.of(entry).getFileName().toString()::startsWith))
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m",
						"-XX:TieredStopAtLevel=1", "-cp", classPath, ShopApplication.class.getName()));
		command.addAll(args);
		Path log = Files.createTempFile(this.directory, "child", ".log");
		Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
		return new Child(child.exitValue(), Files.readString(log));
	}

	/**
	 * The first line of Spring Boot's failure analysis ("APPLICATION FAILED TO START ...
	 * Description:").
	 */
	static String firstDescriptionLine(String output) {
		List<String> lines = output.lines().toList();
		int description = lines.indexOf("Description:");
		assertThat(description).as("a failure analysis in:\n" + output).isNotNegative();
		return lines.stream().skip(description + 1).filter((line) -> !line.isBlank()).findFirst().orElse("");
	}

	private static long count(String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static void execute(String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
