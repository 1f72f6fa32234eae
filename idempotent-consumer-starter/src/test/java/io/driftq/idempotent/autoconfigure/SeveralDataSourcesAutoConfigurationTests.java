package io.driftq.idempotent.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import javax.sql.DataSource;

import io.driftq.idempotent.jdbc.JdbcEffectStore;
import io.driftq.idempotent.jdbc.SqliteDataSources;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with two DataSources: without a {@code @Primary} one the store cannot choose and says so.
 */
@ExtendWith(OutputCaptureExtension.class)
class SeveralDataSourcesAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdempotentEffectAutoConfiguration.class))
			.withPropertyValues("driftq.effects.sqlite.path=" + this.directory.resolve("fallback.sqlite"),
					"driftq.effects.jdbc.initialize-schema=always");
	}

	private BasicDataSource sqlite(String name) {
		return SqliteDataSources.create(this.directory.resolve(name), Duration.ofSeconds(5), 2);
	}

	@Test
	void twoDataSourcesWithoutAPrimaryOneFallBackToTheSqliteFileWithAWarning(CapturedOutput output) {
		runner().withBean("orders", BasicDataSource.class, () -> sqlite("orders.sqlite"))
			.withBean("reports", BasicDataSource.class, () -> sqlite("reports.sqlite"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				DataSource effects = context.getBean(JdbcEffectStore.class).getDataSource();
				assertThat(effects).isNotSameAs(context.getBean("orders")).isNotSameAs(context.getBean("reports"));
				assertThat(((BasicDataSource) effects).getUrl()).endsWith("fallback.sqlite");
				assertThat(output).contains("The application has 2 DataSource beans and none is @Primary")
					.contains(this.directory.resolve("fallback.sqlite").toString())
					.contains("driftq.effects.jdbc.url")
					.contains("@Primary");
			});
	}

	@Test
	void aPrimaryDataSourceIsUsedWithoutAWarning(CapturedOutput output) {
		runner().withBean("orders", BasicDataSource.class, () -> sqlite("orders.sqlite"), (definition) -> definition.setPrimary(true))
			.withBean("reports", BasicDataSource.class, () -> sqlite("reports.sqlite"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(JdbcEffectStore.class).getDataSource()).isSameAs(context.getBean("orders"));
				assertThat(output).doesNotContain("DataSource beans and none is @Primary");
			});
		assertThat(this.directory.resolve("fallback.sqlite")).doesNotExist();
	}

}
