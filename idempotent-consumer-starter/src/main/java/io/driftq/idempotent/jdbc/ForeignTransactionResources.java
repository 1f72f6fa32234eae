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

package io.driftq.idempotent.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;
import org.springframework.util.ClassUtils;

/**
 * Finds the data sources, other than the effect store's, that the current transaction
 * synchronization has bound resources to. Code in a local effect that writes through
 * {@code JdbcTemplate}, {@code JdbcClient} or anything else using {@code DataSourceUtils}
 * on another {@code DataSource}, or through JPA, leaves such a binding, and those writes
 * do not commit with the effect's marker.
 */
final class ForeignTransactionResources {

	private static final @Nullable Class<?> ENTITY_MANAGER_FACTORY = ClassUtils
		.isPresent("jakarta.persistence.EntityManagerFactory", null)
				? ClassUtils.resolveClassName("jakarta.persistence.EntityManagerFactory", null) : null;

	private ForeignTransactionResources() {
	}

	static List<String> find(DataSource own) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return List.of();
		}
		// the key Spring binds the store's connection under; any other wrapper around the
		// store's DataSource gets a
		// connection of its own, so it counts as foreign
		Object ownKey = TransactionSynchronizationUtils.unwrapResourceIfNecessary(own);
		List<String> foreign = new ArrayList<>();
		for (Map.Entry<Object, Object> resource : TransactionSynchronizationManager.getResourceMap().entrySet()) {
			Object key = resource.getKey();
			if (key instanceof DataSource dataSource && !sharesConnection(dataSource, ownKey)) {
				foreign.add("DataSource " + dataSource);
			}
			else if (ENTITY_MANAGER_FACTORY != null && ENTITY_MANAGER_FACTORY.isInstance(key)) {
				foreign.add("EntityManagerFactory " + key);
			}
		}
		return foreign;
	}

	/**
	 * A transaction-aware proxy has a key of its own but runs on its target's bound
	 * connection.
	 */
	private static boolean sharesConnection(DataSource dataSource, Object ownKey) {
		DataSource current = dataSource;
		while (current != ownKey) {
			if (!(current instanceof TransactionAwareDataSourceProxy proxy) || proxy.getTargetDataSource() == null) {
				return false;
			}
			current = proxy.getTargetDataSource();
		}
		return true;
	}

}
