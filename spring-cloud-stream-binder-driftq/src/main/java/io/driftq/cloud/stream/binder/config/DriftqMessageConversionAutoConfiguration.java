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

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Contributes {@link JsonByteArrayPassThroughMessageConverter} to the application's
 * context, where Spring Cloud Function and Stream pick up {@code MessageConverter} beans
 * (the binder's own configuration lives in a child context of the binder, which they do
 * not look into). Off with
 * {@code spring.cloud.stream.driftq.binder.json-byte-array-pass-through=false}.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.cloud.function.context.config.JsonMessageConverter")
@ConditionalOnProperty(prefix = "spring.cloud.stream.driftq.binder", name = "json-byte-array-pass-through",
		havingValue = "true", matchIfMissing = true)
public class DriftqMessageConversionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	JsonByteArrayPassThroughMessageConverter driftqJsonByteArrayPassThroughMessageConverter() {
		return new JsonByteArrayPassThroughMessageConverter();
	}

}
