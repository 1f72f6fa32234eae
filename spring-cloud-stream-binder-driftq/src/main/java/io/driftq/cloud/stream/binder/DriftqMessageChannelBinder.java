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

package io.driftq.cloud.stream.binder;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.driftq.client.DriftqClient;
import io.driftq.cloud.stream.binder.health.DriftqBindingStates;
import io.driftq.cloud.stream.binder.metrics.DriftqBinderMetrics;
import io.driftq.cloud.stream.binder.observation.DriftqBinderObservations;
import io.driftq.cloud.stream.binder.properties.DriftqBinderConfigurationProperties;
import io.driftq.cloud.stream.binder.properties.DriftqBindingValidation;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;
import io.driftq.cloud.stream.binder.properties.DriftqExtendedBindingProperties;
import io.driftq.cloud.stream.binder.properties.DriftqProducerProperties;
import io.driftq.cloud.stream.binder.provisioning.DriftqTopicProvisioner;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.binder.BinderSpecificPropertiesProvider;
import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.ExtendedProducerProperties;
import org.springframework.cloud.stream.binder.ExtendedPropertiesBinder;
import org.springframework.cloud.stream.provisioning.ConsumerDestination;
import org.springframework.cloud.stream.provisioning.ProducerDestination;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.integration.core.MessageProducer;
import org.springframework.integration.support.ErrorMessageStrategy;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.util.StringUtils;

/**
 * The Spring Cloud Stream binder for DriftQ.
 */
public class DriftqMessageChannelBinder extends
		AbstractMessageChannelBinder<ExtendedConsumerProperties<DriftqConsumerProperties>, ExtendedProducerProperties<DriftqProducerProperties>, DriftqTopicProvisioner>
		implements ExtendedPropertiesBinder<MessageChannel, DriftqConsumerProperties, DriftqProducerProperties> {

	private static final Log log = LogFactory.getLog(DriftqMessageChannelBinder.class);

	private final DriftqClient client;

	private final DriftqBinderConfigurationProperties binderProperties;

	private final String instanceId = UUID.randomUUID().toString().substring(0, 8);

	private DriftqBinderMetrics metrics = DriftqBinderMetrics.NOOP;

	private DriftqBindingStates bindingStates = new DriftqBindingStates();

	private DriftqExtendedBindingProperties extendedBindingProperties = new DriftqExtendedBindingProperties();

	private final DeadLetterRetainer deadLetterRetainer;

	private final BoundConsumerSettings boundConsumers = new BoundConsumerSettings();

	public DriftqMessageChannelBinder(DriftqClient client, DriftqBinderConfigurationProperties binderProperties,
			DriftqTopicProvisioner provisioningProvider) {
		super(new String[0], provisioningProvider);
		this.client = client;
		this.binderProperties = binderProperties;
		this.deadLetterRetainer = new DeadLetterRetainer(client, provisioningProvider, "binder-" + this.instanceId);
	}

	private DriftqBinderObservations observations = DriftqBinderObservations.OFF;

	/**
	 * Producer and consumer observations ({@code enable-observation}); off by default.
	 */
	public void setObservations(DriftqBinderObservations observations) {
		this.observations = observations;
	}

	public void setMetrics(DriftqBinderMetrics metrics) {
		this.metrics = metrics;
	}

	/** Where the bindings report their progress for the health indicator. */
	public void setBindingStates(DriftqBindingStates bindingStates) {
		this.bindingStates = bindingStates;
	}

	public DriftqBindingStates getBindingStates() {
		return this.bindingStates;
	}

	public void setExtendedBindingProperties(DriftqExtendedBindingProperties extendedBindingProperties) {
		this.extendedBindingProperties = extendedBindingProperties;
	}

	@Override
	protected MessageHandler createProducerMessageHandler(ProducerDestination destination,
			ExtendedProducerProperties<DriftqProducerProperties> producerProperties, MessageChannel errorChannel) {
		DriftqProducerMessageHandler handler = new DriftqProducerMessageHandler(this.client, destination.getName(),
				producerProperties, this.provisioningProvider, this.metrics, getBeanFactory(), errorChannel,
				this.bindingStates);
		handler.setObservations(this.observations);
		return handler;
	}

	@Override
	protected MessageProducer createConsumerEndpoint(ConsumerDestination destination, String group,
			ExtendedConsumerProperties<DriftqConsumerProperties> properties) {
		DriftqBindingValidation.warnIgnored(properties.getBindingName(), properties);
		ErrorInfrastructure errorInfrastructure = registerErrorInfrastructure(destination, group, properties);
		// the standard policy (max-attempts/back-off-*, retryable-exceptions,
		// default-retryable, or a
		// @StreamRetryTemplate bean) without in-process retries of deferred exceptions
		// and conversion failures
		DriftqRetryPolicy retryPolicy = (DriftqRetryPolicy) buildRetryTemplate(properties).getRetryPolicy();
		DriftqInboundChannelAdapter adapter = new DriftqInboundChannelAdapter(
				binding(destination, group, properties, retryPolicy), retryPolicy);
		this.boundConsumers.bound(destination.getName(), properties);
		adapter.setRecoverer(errorInfrastructure.getRecoverer());
		adapter.setObservations(this.observations);
		adapter.setBeanFactory(getBeanFactory());
		return adapter;
	}

	/**
	 * The binding's in-process retries: Spring Cloud Stream's template, its policy
	 * wrapped in a {@link DriftqRetryPolicy} (also used by the polled consumer's
	 * {@code DefaultPollableMessageSource}).
	 */
	@Override
	protected RetryTemplate buildRetryTemplate(ConsumerProperties properties) {
		RetryTemplate template = super.buildRetryTemplate(properties);
		if (template.getRetryPolicy() instanceof DriftqRetryPolicy) {
			return template;
		}
		List<String> deferred = (properties instanceof ExtendedConsumerProperties<?> extended
				&& extended.getExtension() instanceof DriftqConsumerProperties driftq) ? driftq.getDeferredExceptions()
						: new DriftqConsumerProperties().getDeferredExceptions();
		// a new template: a @StreamRetryTemplate bean may be shared by bindings with
		// other settings
		RetryTemplate wrapped = new RetryTemplate(new DriftqRetryPolicy(template.getRetryPolicy(),
				new DeferredExceptions(deferred, Duration.ofMillis(properties.getBackOffInitialInterval())),
				properties.getRetryableExceptions()));
		wrapped.setRetryListener(template.getRetryListener());
		return wrapped;
	}

	private DriftqConsumerBinding binding(ConsumerDestination destination, String group,
			ExtendedConsumerProperties<DriftqConsumerProperties> properties, DriftqRetryPolicy retryPolicy) {
		String effectiveGroup = StringUtils.hasText(group) ? group : "anonymous." + UUID.randomUUID();
		return DriftqConsumerBinding.create(this.client, this.provisioningProvider, destination.getName(),
				effectiveGroup, this.instanceId, properties, this.metrics, this.bindingStates, this.deadLetterRetainer,
				retryPolicy);
	}

	/**
	 * A polled consumer ({@code spring.cloud.stream.pollable-source}): one
	 * {@link DriftqPolledMessageSource} with its own consume stream, opened on the first
	 * poll. The topic was provisioned by {@code bindPollableConsumer} as for the push
	 * path.
	 */
	@Override
	protected PolledConsumerResources createPolledConsumerResources(String name, String group,
			ConsumerDestination destination, ExtendedConsumerProperties<DriftqConsumerProperties> properties) {
		DriftqBindingValidation.warnIgnored(name, properties);
		DriftqRetryPolicy retryPolicy = (DriftqRetryPolicy) buildRetryTemplate(properties).getRetryPolicy();
		DriftqPolledMessageSource source = new DriftqPolledMessageSource(
				binding(destination, group, properties, retryPolicy));
		source.setObservations(this.observations);
		this.boundConsumers.bound(destination.getName(), properties);
		return new PolledConsumerResources(source, registerErrorInfrastructure(destination, group, properties, true));
	}

	/**
	 * Subscribed to a push binding's error channel, which the binding's recoverer
	 * ({@code errorInfrastructure.getRecoverer()}) sends to once the in-process attempts
	 * are used up: the delivery is settled by the failure model (nacked while its budget
	 * allows, dead-lettered by the binding's {@link DriftqDeadLetterPublisher} once it is
	 * spent), then the application's own subscribers see the
	 * {@link org.springframework.messaging.support.ErrorMessage}.
	 */
	@Override
	protected MessageHandler getErrorMessageHandler(ConsumerDestination destination, String group,
			ExtendedConsumerProperties<DriftqConsumerProperties> properties) {
		return new DriftqErrorMessageHandler(properties.getMaxAttempts());
	}

	/**
	 * The same handler on a polled binding's error channel: a message whose handler still
	 * failed after the in-process retries is settled by the failure model (deferred,
	 * nacked while its budget allows, dead-lettered once it is spent) rather than
	 * accepted by Spring Cloud Stream's auto-ack.
	 */
	@Override
	protected MessageHandler getPolledConsumerErrorMessageHandler(ConsumerDestination destination, String group,
			ExtendedConsumerProperties<DriftqConsumerProperties> properties) {
		return new DriftqErrorMessageHandler(properties.getMaxAttempts());
	}

	/**
	 * Error messages carry the raw DriftQ delivery and its callback (see
	 * {@link DriftqErrorMessageStrategy}).
	 */
	@Override
	protected ErrorMessageStrategy getErrorMessageStrategy() {
		return new DriftqErrorMessageStrategy();
	}

	@Override
	protected void afterUnbindConsumer(ConsumerDestination destination, String group,
			ExtendedConsumerProperties<DriftqConsumerProperties> properties) {
		this.boundConsumers.unbound(destination.getName(), properties);
	}

	/**
	 * Spring Cloud Stream passes a consumer binding's destination (its {@code name}), not
	 * the binding name: the settings shown are those the consumer binding bound to that
	 * destination uses (the first bound when several are), the lease its consume streams
	 * send to DriftQ; for a destination no consumer of this binder is bound to, those of
	 * the configured binding naming that destination (the first by name).
	 */
	@Override
	protected Map<String, Object> doGetAdditionalConfigurationProperties(String destination) {
		ExtendedConsumerProperties<DriftqConsumerProperties> bound = this.boundConsumers.find(destination);
		String bindingName = (bound != null) ? bound.getBindingName() : configuredBindingName(destination);
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("url", this.binderProperties.getUrl());
		map.put("instanceId", this.instanceId);
		DriftqConsumerProperties consumer = (bound != null) ? bound.getExtension()
				: getExtendedConsumerProperties(bindingName);
		map.put("consumer.ackMode", consumer.getAckMode().name());
		map.put("consumer.lease", consumer.getLease().toString());
		DriftqProducerProperties producer = getExtendedProducerProperties(bindingName);
		map.put("producer.retryMaxAttempts", producer.getRetryMaxAttempts());
		return Map.copyOf(map);
	}

	private String configuredBindingName(String destination) {
		org.springframework.context.ApplicationContext context = getApplicationContext();
		org.springframework.cloud.stream.config.BindingServiceProperties bindings = (context != null)
				? context.getBeanProvider(org.springframework.cloud.stream.config.BindingServiceProperties.class)
					.getIfAvailable()
				: null;
		if (bindings == null) {
			return destination;
		}
		return new java.util.TreeMap<>(bindings.getBindings()).entrySet()
			.stream()
			.filter((binding) -> destination.equals(binding.getValue().getDestination()))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(destination);
	}

	@Override
	public DriftqConsumerProperties getExtendedConsumerProperties(String channelName) {
		DriftqConsumerProperties properties = this.extendedBindingProperties.getExtendedConsumerProperties(channelName);
		// checked here, before Spring Cloud Stream's bind call, whose failures are
		// retried later instead of failing
		DriftqBindingValidation.consumer(channelName, properties);
		org.springframework.context.ApplicationContext context = getApplicationContext();
		if (context != null) {
			context.getBeanProvider(org.springframework.cloud.stream.config.BindingServiceProperties.class)
				.ifAvailable((bindings) -> DriftqBindingValidation.consumer(channelName,
						bindings.getConsumerProperties(channelName)));
		}
		return properties;
	}

	@Override
	public DriftqProducerProperties getExtendedProducerProperties(String channelName) {
		return this.extendedBindingProperties.getExtendedProducerProperties(channelName);
	}

	@Override
	public String getDefaultsPrefix() {
		return this.extendedBindingProperties.getDefaultsPrefix();
	}

	@Override
	public Class<? extends BinderSpecificPropertiesProvider> getExtendedPropertiesEntryClass() {
		return this.extendedBindingProperties.getExtendedPropertiesEntryClass();
	}

}
