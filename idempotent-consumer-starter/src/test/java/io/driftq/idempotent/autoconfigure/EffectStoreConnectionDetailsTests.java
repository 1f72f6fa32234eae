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
 * {@link EffectStoreConnectionDetails}: {@code driftq.effects.jdbc.*} adapted into one,
 * and a bean of the user's winning over the properties, as Boot's own connection details
 * do.
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
			.withPropertyValues(
					"driftq.effects.jdbc.url=jdbc:sqlite:" + this.directory.resolve("from-properties.sqlite"),
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
