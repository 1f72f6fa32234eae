package io.driftq.cloud.stream.binder.properties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.cloud.stream.binder.BinderSpecificPropertiesProvider;

/**
 * The DriftQ consumer and producer settings of one binding. The {@code for-docs-only} prefix only makes the
 * configuration processor describe the nested properties; they are bound under
 * {@code spring.cloud.stream.driftq.bindings.<binding>} and {@code spring.cloud.stream.driftq.default}.
 */
@ConfigurationProperties("spring.cloud.stream.driftq.bindings.for-docs-only")
public class DriftqBindingProperties implements BinderSpecificPropertiesProvider {

	/** Consumer settings. */
	@NestedConfigurationProperty
	private DriftqConsumerProperties consumer = new DriftqConsumerProperties();

	/** Producer settings. */
	@NestedConfigurationProperty
	private DriftqProducerProperties producer = new DriftqProducerProperties();

	@Override
	public DriftqConsumerProperties getConsumer() {
		return this.consumer;
	}

	public void setConsumer(DriftqConsumerProperties consumer) {
		this.consumer = consumer;
	}

	@Override
	public DriftqProducerProperties getProducer() {
		return this.producer;
	}

	public void setProducer(DriftqProducerProperties producer) {
		this.producer = producer;
	}

}
