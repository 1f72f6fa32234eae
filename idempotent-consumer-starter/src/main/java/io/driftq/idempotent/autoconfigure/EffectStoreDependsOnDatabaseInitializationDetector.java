package io.driftq.idempotent.autoconfigure;

import java.util.Set;

import io.driftq.idempotent.EffectStore;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;

/**
 * Makes every {@link EffectStore} bean, the starter's or an application's own, depend on the database
 * initializers Spring Boot knows (Flyway, Liquibase, {@code spring.sql.init} scripts). So the store's schema check,
 * and its own schema script or migrations, run after the application's migrations, which may create the effect table.
 * Active wherever Spring Boot's database initialization ordering is (its Flyway, Liquibase and SQL init
 * auto-configurations import it).
 */
public class EffectStoreDependsOnDatabaseInitializationDetector
		extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector
		implements DependsOnDatabaseInitializationDetector {

	@Override
	protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
		return Set.of(EffectStore.class);
	}

}
