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
import java.time.Duration;

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
 * An application with two DataSources, one {@code @Primary}: the store uses it (without
 * either, startup fails: {@link EffectStoreDataSourceSelectionTests}).
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
	void aPrimaryDataSourceIsUsedWithoutAWarning(CapturedOutput output) {
		runner()
			.withBean("orders", BasicDataSource.class, () -> sqlite("orders.sqlite"),
					(definition) -> definition.setPrimary(true))
			.withBean("reports", BasicDataSource.class, () -> sqlite("reports.sqlite"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(JdbcEffectStore.class).getDataSource()).isSameAs(context.getBean("orders"));
				assertThat(output).doesNotContain("DataSource beans");
			});
		assertThat(this.directory.resolve("fallback.sqlite")).doesNotExist();
	}

}
