package io.driftq.idempotent.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The consumer application without a DataSource: effects on the default SQLite file.
 */
class SqliteConsumerApplicationTests extends ConsumerApplicationTests {

	@DynamicPropertySource
	static void effectDatabase(DynamicPropertyRegistry registry) throws IOException {
		Path directory = Files.createTempDirectory("consumer-app");
		registry.add("driftq.effects.sqlite.path", () -> directory.resolve("effects.sqlite").toString());
		// an application without a DataSource: the module's test classpath has spring-boot-jdbc, Flyway and Liquibase
		// (for the migration tests), which this application does not use
		registry.add("spring.autoconfigure.exclude",
				() -> "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
						+ "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
						+ "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration");
	}

}
