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

package io.driftq.cloud.stream.binder.properties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.cloud.stream.binder.BinderSpecificPropertiesProvider;

/**
 * The DriftQ consumer and producer settings of one binding. The {@code for-docs-only}
 * prefix only makes the configuration processor describe the nested properties; they are
 * bound under {@code spring.cloud.stream.driftq.bindings.<binding>} and
 * {@code spring.cloud.stream.driftq.default}.
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
