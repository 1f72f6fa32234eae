package io.driftq.cloud.stream.binder.properties;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Describes {@code spring.cloud.stream.driftq.default.consumer.*} and {@code spring.cloud.stream.driftq.default.producer.*}
 * to the configuration processor, which only sees nested properties under a fixed prefix. Never registered as a bean:
 * {@link DriftqExtendedBindingProperties} applies the defaults to each binding.
 */
@ConfigurationProperties(DriftqExtendedBindingProperties.DEFAULTS_PREFIX)
public class DriftqDefaultBindingProperties extends DriftqBindingProperties {

}
