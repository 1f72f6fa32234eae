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

/**
 * Describes {@code spring.cloud.stream.driftq.default.consumer.*} and
 * {@code spring.cloud.stream.driftq.default.producer.*} to the configuration processor,
 * which only sees nested properties under a fixed prefix. Never registered as a bean:
 * {@link DriftqExtendedBindingProperties} applies the defaults to each binding.
 */
@ConfigurationProperties(DriftqExtendedBindingProperties.DEFAULTS_PREFIX)
public class DriftqDefaultBindingProperties extends DriftqBindingProperties {

}
