package io.driftq.idempotent.autoconfigure;

import java.nio.file.Path;

import io.driftq.idempotent.EffectStore;
import io.driftq.idempotent.jdbc.JdbcEffectStore;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EffectStoreConnectionDetails}: {@code driftq.effects.jdbc.*} adapted into one, and a bean of the user's
 * winning over the properties, as Boot's own connection details do.
 */
class EffectStoreConnectionDetailsTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(IdempotentEffectAutoConfiguration.class));

	@Test
	void thePropertiesAreAdaptedIntoConnectionDetails() {
		String url = "jdbc:sqlite:" + this.directory.resolve("from-properties.sqlite");
		this.runner.withPropertyValues("driftq.effects.jdbc.url=" + url, "driftq.effects.jdbc.initialize-schema=always")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(EffectStoreConnectionDetails.class).getJdbcUrl()).isEqualTo(url);
				assertThat(storeUrl(context.getBean(EffectStore.class))).isEqualTo(url);
			});
	}

	@Test
	void aConnectionDetailsBeanWinsOverTheProperties() {
		String url = "jdbc:sqlite:" + this.directory.resolve("from-bean.sqlite");
		this.runner
			.withPropertyValues("driftq.effects.jdbc.url=jdbc:sqlite:" + this.directory.resolve("from-properties.sqlite"),
					"driftq.effects.jdbc.initialize-schema=always")
			.withBean(EffectStoreConnectionDetails.class, () -> () -> url)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(EffectStoreConnectionDetails.class);
				assertThat(storeUrl(context.getBean(EffectStore.class))).isEqualTo(url);
			});
		assertThat(this.directory.resolve("from-properties.sqlite")).doesNotExist();
	}

	private static String storeUrl(EffectStore store) {
		return ((BasicDataSource) ((JdbcEffectStore) store).getDataSource()).getUrl();
	}

}
