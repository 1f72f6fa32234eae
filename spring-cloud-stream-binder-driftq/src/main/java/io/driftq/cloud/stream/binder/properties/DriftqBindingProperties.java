package io.driftq.cloud.stream.binder.properties;

import org.springframework.cloud.stream.binder.BinderSpecificPropertiesProvider;

/**
 * The DriftQ consumer and producer settings of one binding.
 */
public class DriftqBindingProperties implements BinderSpecificPropertiesProvider {

	private DriftqConsumerProperties consumer = new DriftqConsumerProperties();

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
