package io.driftq.idempotent.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * The connection to a database of the effects' own, as Spring Boot's {@code JdbcConnectionDetails} is for the
 * application's. A bean of this type (from a test container, a service binding, or your own code) wins over
 * {@code driftq.effects.jdbc.url}/{@code .username}/{@code .password}, which are adapted into one otherwise
 * ({@link PropertiesEffectStoreConnectionDetails}).
 */
public interface EffectStoreConnectionDetails extends ConnectionDetails {

	/**
	 * @return the JDBC URL of the effect database
	 */
	String getJdbcUrl();

	/**
	 * @return the user, or {@code null}
	 */
	default String getUsername() {
		return null;
	}

	/**
	 * @return the password, or {@code null}
	 */
	default String getPassword() {
		return null;
	}

}
