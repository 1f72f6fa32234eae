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

package io.driftq.cloud.stream.binder.provisioning;

import io.driftq.client.DriftqClient;
import io.driftq.client.exception.DriftqException;
import io.driftq.cloud.stream.binder.properties.DriftqBinderConfigurationProperties;
import io.driftq.cloud.stream.binder.properties.DriftqBindingValidation;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;
import io.driftq.cloud.stream.binder.properties.DriftqProducerProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.ExtendedProducerProperties;
import org.springframework.cloud.stream.provisioning.ConsumerDestination;
import org.springframework.cloud.stream.provisioning.ProducerDestination;
import org.springframework.cloud.stream.provisioning.ProvisioningException;
import org.springframework.cloud.stream.provisioning.ProvisioningProvider;

/**
 * Creates DriftQ topics for bindings. DriftQ keeps no empty topic across a restart and
 * never changes a topic's partition count, so creation is repeated whenever a topic is
 * found missing.
 */
public class DriftqTopicProvisioner implements
		ProvisioningProvider<ExtendedConsumerProperties<DriftqConsumerProperties>, ExtendedProducerProperties<DriftqProducerProperties>> {

	private static final Log logger = LogFactory.getLog(DriftqTopicProvisioner.class);

	private final DriftqClient client;

	private final DriftqBinderConfigurationProperties binderProperties;

	public DriftqTopicProvisioner(DriftqClient client, DriftqBinderConfigurationProperties binderProperties) {
		this.client = client;
		this.binderProperties = binderProperties;
	}

	@Override
	public ProducerDestination provisionProducerDestination(String name,
			ExtendedProducerProperties<DriftqProducerProperties> properties) throws ProvisioningException {
		int partitions = properties.getPartitionCount();
		try {
			DriftqBindingValidation.partitionCount(properties.getBindingName(), partitions);
		}
		catch (IllegalArgumentException ex) {
			throw new ProvisioningException(ex.getMessage(), ex);
		}
		ensureTopic(name, partitions);
		return new DriftqDestination(name, partitions);
	}

	@Override
	public ConsumerDestination provisionConsumerDestination(String name, String group,
			ExtendedConsumerProperties<DriftqConsumerProperties> properties) throws ProvisioningException {
		int partitions = consumerPartitions(properties);
		ensureTopic(name, partitions);
		return new DriftqDestination(name, partitions);
	}

	/**
	 * Partition count a consumer binding creates its topic with (when it is the first to
	 * create it): the extension's {@code partitions}, else
	 * {@code instanceCount × concurrency}, at least 1.
	 * @param properties the consumer binding's properties
	 * @return the partition count
	 * @throws ProvisioningException when {@code partitions} is set below 1
	 */
	public static int consumerPartitions(ExtendedConsumerProperties<DriftqConsumerProperties> properties) {
		Integer partitions = properties.getExtension().getPartitions();
		if (partitions != null) {
			try {
				DriftqBindingValidation.consumer(properties.getBindingName(), properties.getExtension());
			}
			catch (IllegalArgumentException ex) {
				throw new ProvisioningException(ex.getMessage(), ex);
			}
			return partitions;
		}
		return Math.max(1, properties.getInstanceCount() * properties.getConcurrency());
	}

	/**
	 * Partition count a consume stream re-creates its topic with when DriftQ answers that
	 * it does not exist (a broker restart drops empty topics):
	 * {@link #consumerPartitions}, or 0 (never re-create) when {@code auto-create-topics}
	 * is {@code false}.
	 * @param properties the consumer binding's properties
	 * @return the partition count, 0 for none
	 */
	public int consumerRecreatePartitions(ExtendedConsumerProperties<DriftqConsumerProperties> properties) {
		return isAutoCreateTopics() ? consumerPartitions(properties) : 0;
	}

	/**
	 * Whether the binder creates topics
	 * ({@code spring.cloud.stream.driftq.binder.auto-create-topics}).
	 * @return whether topics are created
	 */
	public boolean isAutoCreateTopics() {
		return this.binderProperties.isAutoCreateTopics();
	}

	/**
	 * Create the topic if topic creation is enabled. Creating an existing topic succeeds
	 * and leaves its partition count unchanged.
	 * @param name the topic
	 * @param partitions the partition count for a new topic
	 */
	public void ensureTopic(String name, int partitions) {
		if (!this.binderProperties.isAutoCreateTopics()) {
			return;
		}
		try {
			this.client.createTopic(name, partitions);
		}
		catch (DriftqException ex) {
			throw new ProvisioningException("Could not create DriftQ topic '" + name + "' at "
					+ this.binderProperties.getUrl() + " (spring.cloud.stream.driftq.binder.url)", ex);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Provisioned DriftQ topic " + name + " (" + partitions + " partitions)");
		}
	}

	/** A provisioned topic. */
	public record DriftqDestination(String name, int partitions) implements ProducerDestination, ConsumerDestination {

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public String getNameForPartition(int partition) {
			return this.name;
		}

	}

}
