package io.driftq.cloud.stream.binder.properties;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.cloud.stream.binder.AbstractExtendedBindingProperties;
import org.springframework.cloud.stream.binder.BinderSpecificPropertiesProvider;

/**
 * Per-binding DriftQ settings ({@code spring.cloud.stream.driftq.bindings.<name>.*}), defaulted from
 * {@code spring.cloud.stream.driftq.default.*}.
 */
@ConfigurationProperties("spring.cloud.stream.driftq")
public class DriftqExtendedBindingProperties extends
		AbstractExtendedBindingProperties<DriftqConsumerProperties, DriftqProducerProperties, DriftqBindingProperties> {

	/** Prefix of the defaults applied to every binding. */
	public static final String DEFAULTS_PREFIX = "spring.cloud.stream.driftq.default";

	@Override
	public String getDefaultsPrefix() {
		return DEFAULTS_PREFIX;
	}

	@Override
	public Map<String, DriftqBindingProperties> getBindings() {
		return doGetBindings();
	}

	@Override
	public Class<? extends BinderSpecificPropertiesProvider> getExtendedPropertiesEntryClass() {
		return DriftqBindingProperties.class;
	}

}
