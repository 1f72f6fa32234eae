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

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sidefx.command-partitions} as bound from the environment: 4 unless set, and a
 * count below 1 stops the start naming the property.
 */
class DemoPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class);

	@Test
	void commandPartitionsAreFourUnlessSet() {
		this.runner
			.run((context) -> assertThat(context.getBean(DemoProperties.class).commandPartitions()).isEqualTo(4));
		this.runner.withPropertyValues("sidefx.command-partitions=1")
			.run((context) -> assertThat(context.getBean(DemoProperties.class).commandPartitions()).isEqualTo(1));
	}

	@Test
	void fewerThanOneCommandPartitionStopsTheStart() {
		this.runner.withPropertyValues("sidefx.command-partitions=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageStartingWith("sidefx.command-partitions must be at least 1, got 0"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DemoProperties.class)
	static class Properties {

	}

}
