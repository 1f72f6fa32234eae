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

package io.driftq.cloud.stream.binder.conformance;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.driftq.client.ConsumeOptions;
import io.driftq.client.ConsumeSubscription;
import io.driftq.client.DriftqClient;
import io.driftq.cloud.stream.binder.DriftqMessageChannelBinder;
import io.driftq.cloud.stream.binder.properties.DriftqBinderConfigurationProperties;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;
import io.driftq.cloud.stream.binder.properties.DriftqProducerProperties;
import io.driftq.cloud.stream.binder.provisioning.DriftqTopicProvisioner;

import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.cloud.stream.binder.AbstractTestBinder;
import org.springframework.cloud.stream.binder.Binding;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.ExtendedProducerProperties;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.messaging.MessageChannel;

/**
 * The conformance kit's view of the real {@link DriftqMessageChannelBinder}: built the
 * way {@code DriftqBinderConfiguration} builds it (a {@link DriftqClient}, a
 * {@link DriftqTopicProvisioner}, the binder), given an application context with Spring
 * Integration enabled as the kit's Rabbit and Kafka test binders do, and pointed at a
 * real {@code driftqd}.
 * <p>
 * It extends {@link AbstractTestBinder} rather than
 * {@code AbstractPollableConsumerTestBinder}: the kit's
 * {@code PartitionCapableBinderTests} only needs the former, and has no polled-consumer
 * test.
 */
class DriftqTestBinder extends
		AbstractTestBinder<DriftqMessageChannelBinder, ExtendedConsumerProperties<DriftqConsumerProperties>, ExtendedProducerProperties<DriftqProducerProperties>> {

	private final DriftqClient client;

	private final AnnotationConfigApplicationContext applicationContext;

	private final List<Binding<MessageChannel>> bindings = new CopyOnWriteArrayList<>();

	private final List<ConsumeSubscription> spies = new CopyOnWriteArrayList<>();

	DriftqTestBinder(String url) {
		DriftqBinderConfigurationProperties properties = new DriftqBinderConfigurationProperties();
		properties.setUrl(url);
		this.client = DriftqClient.builder(url)
			.requestTimeout(properties.getRequestTimeout())
			.overloadRetries(properties.getOverloadRetries())
			.build();
		DriftqMessageChannelBinder binder = new DriftqMessageChannelBinder(this.client, properties,
				new DriftqTopicProvisioner(this.client, properties));
		this.applicationContext = new AnnotationConfigApplicationContext(IntegrationAutoConfiguration.class,
				Config.class);
		binder.setApplicationContext(this.applicationContext);
		setBinder(binder);
	}

	DriftqClient getClient() {
		return this.client;
	}

	/**
	 * Subscribe to {@code topic} directly with the DriftQ client, outside the binder, in
	 * a group of its own; closed by {@link #cleanup()}.
	 * @param topic the topic
	 * @return the subscription
	 */
	ConsumeSubscription spySubscription(String topic) {
		ConsumeSubscription subscription = this.client
			.subscribe(ConsumeOptions.builder(topic, "spy." + UUID.randomUUID()).build());
		this.spies.add(subscription);
		return subscription;
	}

	@Override
	public Binding<MessageChannel> bindConsumer(String name, String group, MessageChannel moduleInputChannel,
			ExtendedConsumerProperties<DriftqConsumerProperties> properties) {
		Binding<MessageChannel> binding = super.bindConsumer(name, group, moduleInputChannel, properties);
		this.bindings.add(binding);
		return binding;
	}

	@Override
	public Binding<MessageChannel> bindProducer(String name, MessageChannel moduleOutputChannel,
			ExtendedProducerProperties<DriftqProducerProperties> properties) {
		Binding<MessageChannel> binding = super.bindProducer(name, moduleOutputChannel, properties);
		this.bindings.add(binding);
		return binding;
	}

	/**
	 * Unbinds whatever a failed test left bound (its consume streams would otherwise keep
	 * reading), then closes the context and the client. Topics stay: DriftQ has no API to
	 * delete a topic; every test class gets its own {@code driftqd} with a fresh WAL, and
	 * each kit test consumes with its own group.
	 */
	@Override
	public void cleanup() {
		for (Binding<MessageChannel> binding : this.bindings) {
			if (binding.isRunning()) {
				binding.unbind();
			}
		}
		this.bindings.clear();
		this.spies.forEach(ConsumeSubscription::close);
		this.spies.clear();
		this.applicationContext.close();
		this.client.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class Config {

	}

}
