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

import java.util.Set;

import io.driftq.idempotent.EffectStore;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;

/**
 * Makes every {@link EffectStore} bean, the starter's or an application's own, depend on
 * the database initializers Spring Boot knows (Flyway, Liquibase, {@code spring.sql.init}
 * scripts). So the store's schema check, and its own schema script or migrations, run
 * after the application's migrations, which may create the effect table. Active wherever
 * Spring Boot's database initialization ordering is (its Flyway, Liquibase and SQL init
 * auto-configurations import it).
 */
public class EffectStoreDependsOnDatabaseInitializationDetector extends
		AbstractBeansOfTypeDependsOnDatabaseInitializationDetector implements DependsOnDatabaseInitializationDetector {

	@Override
	protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
		return Set.of(EffectStore.class);
	}

}
