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

package io.driftq.demo.config;

import io.driftq.client.DriftqClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The DriftQ client the demo uses directly: per-run event topics (one topic per run is
 * not a binding), the live event stream, the DLQ peek and the health check. Commands go
 * through the binder.
 */
@Configuration(proxyBeanMethods = false)
class DriftqClientConfiguration {

	@Bean(destroyMethod = "close")
	DriftqClient driftqClient(DemoProperties properties) {
		return DriftqClient.builder(properties.driftqUrl()).build();
	}

}
