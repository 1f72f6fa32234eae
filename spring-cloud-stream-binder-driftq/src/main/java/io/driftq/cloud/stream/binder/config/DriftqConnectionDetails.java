package io.driftq.cloud.stream.binder.config;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the DriftQ server is, when something other than {@code spring.cloud.stream.driftq.binder.url} knows better:
 * a bean of this type (for example one made from a Testcontainers container, or by a platform integration) wins
 * over the property.
 */
@FunctionalInterface
public interface DriftqConnectionDetails extends ConnectionDetails {

	/**
	 * @return the base URL of the DriftQ HTTP API, e.g. {@code http://localhost:8080}
	 */
	String url();

}
