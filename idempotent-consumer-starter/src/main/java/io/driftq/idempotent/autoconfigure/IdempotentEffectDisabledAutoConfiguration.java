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

package io.driftq.idempotent.autoconfigure;

import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.aop.IdempotentEffectAspect;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@code driftq.effects.enabled=false}: an {@link EffectTemplate} and aspect that run
 * every effect unprotected (no store, no claim, no replay), so that applications
 * injecting the template still start, as Powertools' disabled switch does. Logs a warning
 * once, at startup.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.aop.AopAutoConfiguration")
@ConditionalOnBooleanProperty(name = "driftq.effects.enabled", havingValue = false)
@EnableConfigurationProperties(EffectsProperties.class)
public final class IdempotentEffectDisabledAutoConfiguration {

	private static final Log logger = LogFactory.getLog(IdempotentEffectDisabledAutoConfiguration.class);

	IdempotentEffectDisabledAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	EffectTemplate driftqEffectTemplate(EffectsProperties properties) {
		logger.warn("driftq.effects.enabled=false: side effects are NOT protected. Every @IdempotentEffect method and "
				+ "EffectTemplate callback runs on every call; nothing is claimed, stored or replayed");
		return EffectTemplate.unprotected(JsonMapper.builder().build(), properties.getIdempotencyKeyPrefix());
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	@org.springframework.boot.autoconfigure.condition.ConditionalOnClass(name = "org.aspectj.lang.annotation.Aspect")
	static class AspectConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IdempotentEffectAspect driftqIdempotentEffectAspect(EffectTemplate template) {
			return new IdempotentEffectAspect(template);
		}

	}

}
