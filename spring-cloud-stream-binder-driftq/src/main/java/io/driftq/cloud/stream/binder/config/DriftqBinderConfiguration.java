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

package io.driftq.cloud.stream.binder.config;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import io.driftq.client.DriftqClient;
import io.driftq.client.DriftqClientBuilder;
import io.driftq.client.DriftqRequestCustomizer;
import io.driftq.cloud.stream.binder.DriftqMessageChannelBinder;
import io.driftq.cloud.stream.binder.health.DriftqBinderHealthIndicator;
import io.driftq.cloud.stream.binder.health.DriftqBindingStates;
import io.driftq.cloud.stream.binder.metrics.DriftqBinderMetrics;
import io.driftq.cloud.stream.binder.metrics.MicrometerDriftqBinderMetrics;
import io.driftq.cloud.stream.binder.observation.DriftqBinderObservations;
import io.driftq.cloud.stream.binder.observation.DriftqConsumerObservationConvention;
import io.driftq.cloud.stream.binder.observation.DriftqProducerObservationConvention;
import io.driftq.cloud.stream.binder.properties.DriftqBinderConfigurationProperties;
import io.driftq.cloud.stream.binder.properties.DriftqBindingValidation;
import io.driftq.cloud.stream.binder.properties.DriftqExtendedBindingProperties;
import io.driftq.cloud.stream.binder.provisioning.DriftqTopicProvisioner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.Binder;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The DriftQ binder's configuration, registered as binder type {@code driftq} in
 * {@code META-INF/spring.binders}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(Binder.class)
@EnableConfigurationProperties({ DriftqBinderConfigurationProperties.class, DriftqExtendedBindingProperties.class })
public class DriftqBinderConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(name = "driftqBinderClient")
	DriftqClient driftqBinderClient(DriftqBinderConfigurationProperties properties,
			ObjectProvider<DriftqConnectionDetails> connectionDetails,
			ObjectProvider<DriftqRequestCustomizer> requestCustomizers) {
		DriftqConnectionDetails details = connectionDetails.getIfAvailable();
		String url = (details != null) ? details.url() : properties.getUrl();
		if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
			String source = (details != null) ? "DriftqConnectionDetails bean " + details.getClass().getName()
					: "spring.cloud.stream.driftq.binder.url (default: the DRIFTQ_HTTP_URL property or environment"
							+ " variable, else http://localhost:8080)";
			throw new IllegalArgumentException(source + " must be an http(s) URL, was '" + url + "'");
		}
		if (properties.getRequestTimeout() == null || properties.getRequestTimeout().isNegative()
				|| properties.getRequestTimeout().isZero()) {
			throw new IllegalArgumentException(
					"spring.cloud.stream.driftq.binder.request-timeout must be positive, was "
							+ properties.getRequestTimeout());
		}
		if (properties.getOverloadRetries() < 0) {
			throw new IllegalArgumentException(
					"spring.cloud.stream.driftq.binder.overload-retries must not be negative," + " was "
							+ properties.getOverloadRetries());
		}
		DriftqClientBuilder builder = DriftqClient.builder(url)
			.requestTimeout(properties.getRequestTimeout())
			.overloadRetries(properties.getOverloadRetries());
		requestCustomizers.orderedStream().forEach(builder::requestCustomizer);
		return builder.build();
	}

	@Bean
	DriftqTopicProvisioner driftqTopicProvisioner(@Qualifier("driftqBinderClient") DriftqClient client,
			DriftqBinderConfigurationProperties properties) {
		return new DriftqTopicProvisioner(client, properties);
	}

	/**
	 * Progress of the bindings (unsettled messages, dead-letter refusals, blocked sends),
	 * read by health.
	 */
	@Bean
	DriftqBindingStates driftqBindingStates() {
		return new DriftqBindingStates();
	}

	@Bean
	DriftqMessageChannelBinder driftqMessageChannelBinder(@Qualifier("driftqBinderClient") DriftqClient client,
			DriftqBinderConfigurationProperties properties, DriftqTopicProvisioner provisioner,
			DriftqExtendedBindingProperties extendedBindingProperties, ObjectProvider<DriftqBinderMetrics> metrics,
			ObjectProvider<BindingServiceProperties> bindingServiceProperties, DriftqBindingStates bindingStates,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<DriftqProducerObservationConvention> producerConvention,
			ObjectProvider<DriftqConsumerObservationConvention> consumerConvention) {
		DriftqMessageChannelBinder binder = new DriftqMessageChannelBinder(client, properties, provisioner);
		if (properties.isEnableObservation()) {
			ObservationRegistry registry = observationRegistry.getIfAvailable();
			if (registry == null) {
				throw new IllegalStateException("spring.cloud.stream.driftq.binder.enable-observation is true but there"
						+ " is no ObservationRegistry bean: add Spring Boot's actuator (spring-boot-starter-actuator),"
						+ " or set spring.cloud.stream.driftq.binder.enable-observation=false");
			}
			binder.setObservations(new DriftqBinderObservations(registry, producerConvention.getIfUnique(),
					consumerConvention.getIfUnique(), properties.isObservationMessageKey()));
		}
		binder.setBindingStates(bindingStates);
		DriftqBinderMetrics binderMetrics = metrics.getIfAvailable(() -> DriftqBinderMetrics.NOOP);
		binderMetrics.overloadRetries(client::overloadRetryCount);
		binder.setMetrics(binderMetrics);
		binder.setExtendedBindingProperties(extendedBindingProperties);
		validateConfiguredBindings(binder, extendedBindingProperties, bindingServiceProperties.getIfAvailable());
		return binder;
	}

	/**
	 * Fails the binder's start, naming the property, when a configured binding has a
	 * setting DriftQ cannot work with: Spring Cloud Stream would only log the failed
	 * binding and retry it every 30 seconds.
	 */
	static void validateConfiguredBindings(DriftqMessageChannelBinder binder,
			DriftqExtendedBindingProperties extendedBindingProperties,
			@Nullable BindingServiceProperties bindingServiceProperties) {
		Set<String> names = new TreeSet<>(extendedBindingProperties.getBindings().keySet());
		if (bindingServiceProperties != null) {
			bindingServiceProperties.getBindings().forEach((name, binding) -> {
				names.add(name);
				if (binding.getProducer() != null) {
					DriftqBindingValidation.partitionCount(name, binding.getProducer().getPartitionCount());
				}
			});
		}
		for (String name : names) {
			DriftqBindingValidation.consumer(name, binder.getExtendedConsumerProperties(name));
			DriftqBindingValidation.producer(name, binder.getExtendedProducerProperties(name));
		}
	}

	/**
	 * Registers the binder's health indicator when Spring Boot's health support is
	 * present.
	 */
	/**
	 * With observation on and a tracer (Micrometer Tracing's {@code Tracer} and
	 * {@code Propagator}, e.g. Boot's Brave or OpenTelemetry bridge), the binder's HTTP
	 * requests carry the current trace context, so that a DriftQ server with tracing
	 * joins the trace.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
	@ConditionalOnProperty(name = "spring.cloud.stream.driftq.binder.enable-observation", havingValue = "true")
	static class DriftqBinderTracingConfiguration {

		@Bean
		DriftqTraceContextRequestCustomizer driftqTraceContextRequestCustomizer(
				ObjectProvider<io.micrometer.tracing.Tracer> tracer,
				ObjectProvider<io.micrometer.tracing.propagation.Propagator> propagator) {
			return new DriftqTraceContextRequestCustomizer(tracer, propagator);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
	static class DriftqBinderHealthConfiguration {

		@Bean
		DriftqBinderHealthIndicator driftqBinderHealthIndicator(@Qualifier("driftqBinderClient") DriftqClient client,
				DriftqBindingStates driftqBindingStates, DriftqBinderConfigurationProperties properties) {
			Duration stallTimeout = properties.getHealth().getStallTimeout();
			if (stallTimeout == null || stallTimeout.isNegative() || stallTimeout.isZero()) {
				throw new IllegalArgumentException("spring.cloud.stream.driftq.binder.health.stall-timeout must be"
						+ " positive, was " + stallTimeout);
			}
			return new DriftqBinderHealthIndicator(client, driftqBindingStates, stallTimeout);
		}

	}

	/** Micrometer meters when Micrometer and a {@code MeterRegistry} are present. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	static class DriftqBinderMetricsConfiguration {

		@Bean
		@ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
		DriftqBinderMetrics driftqBinderMetrics(MeterRegistry registry) {
			return new MicrometerDriftqBinderMetrics(registry);
		}

	}

}
