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

import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import io.driftq.idempotent.EffectStoreConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Chooses the application DataSource that holds the effect table, or tells that there is
 * none, so that the SQLite default is used only by an application without any DataSource.
 * Never silently: a DataSource the user configured but that cannot be used fails startup
 * naming the property and the fix.
 */
final class EffectStoreDataSourceResolver {

	private EffectStoreDataSourceResolver() {
	}

	/**
	 * @param qualified DataSources marked {@link EffectStoreDataSource}
	 * @param all every DataSource
	 * @param beanFactory for the bean names in messages
	 * @param environment for {@code spring.datasource.url}
	 * @return the application's DataSource for the effects, or {@code null} when the
	 * application has none
	 */
	static @Nullable DataSource applicationDataSource(ObjectProvider<DataSource> qualified,
			ObjectProvider<DataSource> all, ListableBeanFactory beanFactory, Environment environment) {
		List<DataSource> marked = qualified.stream().toList();
		if (marked.size() > 1) {
			throw new EffectStoreConfigurationException(
					marked.size() + " DataSource beans are marked " + "@EffectStoreDataSource: mark exactly one",
					"Keep @EffectStoreDataSource on the one DataSource " + "that holds the effect table.");
		}
		if (marked.size() == 1) {
			return marked.get(0);
		}
		DataSource unique = all.getIfUnique();
		if (unique != null) {
			return unique;
		}
		String[] names = beanFactory.getBeanNamesForType(DataSource.class, true, false);
		if (names.length > 1) {
			throw new EffectStoreConfigurationException(
					"The application has " + names.length + " DataSource beans " + Arrays.toString(names)
							+ " and none is @Primary or @EffectStoreDataSource: mark the one that "
							+ "holds the effect table @EffectStoreDataSource, or set driftq.effects.jdbc.url",
					"Annotate the effect store's DataSource bean with @EffectStoreDataSource (or @Primary), or give the "
							+ "effects a database of their own with driftq.effects.jdbc.url.");
		}
		if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
			throw new EffectStoreConfigurationException("spring.datasource.url is set but no DataSource bean exists: "
					+ "add spring-boot-starter-jdbc (Spring Boot 4 builds the DataSource only with it), or set "
					+ "driftq.effects.jdbc.url instead; the effects would otherwise go to a SQLite file of their own",
					"Add the dependency org.springframework.boot:spring-boot-starter-jdbc, or set driftq.effects.jdbc.url "
							+ "(and .username/.password) to the effect database.");
		}
		return null;
	}

	/**
	 * Fails when {@code driftq.effects.jdbc.*} credentials are set without the URL they
	 * belong to.
	 * @param jdbc the properties
	 */
	static void checkCredentialsHaveAUrl(EffectJdbcProperties jdbc) {
		if (StringUtils.hasText(jdbc.getUrl())) {
			return;
		}
		String set = StringUtils.hasText(jdbc.getUsername()) ? "driftq.effects.jdbc.username"
				: StringUtils.hasText(jdbc.getPassword()) ? "driftq.effects.jdbc.password" : null;
		if (set != null) {
			throw new EffectStoreConfigurationException(
					set + " is set but driftq.effects.jdbc.url is not: set "
							+ "driftq.effects.jdbc.url to the effect database",
					"Set driftq.effects.jdbc.url, or remove " + set + " to use the application's DataSource.");
		}
	}

}
