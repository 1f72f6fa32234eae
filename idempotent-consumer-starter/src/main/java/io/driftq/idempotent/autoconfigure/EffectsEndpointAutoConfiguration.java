package io.driftq.idempotent.autoconfigure;

import io.driftq.idempotent.EffectStore;
import io.driftq.idempotent.actuate.EffectsEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code effects} Actuator endpoint over the {@link EffectStore}, when Actuator is present and the endpoint is
 * available. The class check comes first: {@code @ConditionalOnAvailableEndpoint}'s own condition class is part of
 * Actuator.
 */
@AutoConfiguration(after = IdempotentEffectAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
		"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
@ConditionalOnBean(EffectStore.class)
public final class EffectsEndpointAutoConfiguration {

	EffectsEndpointAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(EffectsEndpoint.class)
	EffectsEndpoint effectsEndpoint(EffectStore store) {
		return new EffectsEndpoint(store);
	}

}
