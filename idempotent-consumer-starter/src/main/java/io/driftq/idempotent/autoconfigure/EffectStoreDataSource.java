package io.driftq.idempotent.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifier of the {@code DataSource} that holds the effect table when an application has several, as Spring Boot's
 * {@code @FlywayDataSource} marks Flyway's. It wins over a {@code @Primary} one; {@code driftq.effects.jdbc.url} wins
 * over it.
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface EffectStoreDataSource {

}
