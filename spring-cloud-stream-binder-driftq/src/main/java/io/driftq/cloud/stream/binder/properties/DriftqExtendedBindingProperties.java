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

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.cloud.stream.binder.AbstractExtendedBindingProperties;
import org.springframework.cloud.stream.binder.BinderSpecificPropertiesProvider;

/**
 * Per-binding DriftQ settings ({@code spring.cloud.stream.driftq.bindings.<name>.*}),
 * defaulted from {@code spring.cloud.stream.driftq.default.*}.
 */
@ConfigurationProperties("spring.cloud.stream.driftq")
public class DriftqExtendedBindingProperties extends
		AbstractExtendedBindingProperties<DriftqConsumerProperties, DriftqProducerProperties, DriftqBindingProperties> {

	/** Prefix of the defaults applied to every binding. */
	public static final String DEFAULTS_PREFIX = "spring.cloud.stream.driftq.default";

	@Override
	public String getDefaultsPrefix() {
		return DEFAULTS_PREFIX;
	}

	@Override
	public Map<String, DriftqBindingProperties> getBindings() {
		return doGetBindings();
	}

	@Override
	public Class<? extends BinderSpecificPropertiesProvider> getExtendedPropertiesEntryClass() {
		return DriftqBindingProperties.class;
	}

}
