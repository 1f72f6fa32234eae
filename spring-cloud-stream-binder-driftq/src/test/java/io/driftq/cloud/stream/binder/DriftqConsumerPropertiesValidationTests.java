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

import java.util.UUID;

import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad consumer settings fail at startup with a message naming the property (rather than a
 * binding that Spring Cloud Stream retries in the background every 30 s); a setting
 * DriftQ cannot honour is warned about.
 */
@DriftqServerTest
class DriftqConsumerPropertiesValidationTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					spring.cloud.stream.driftq.bindings.commands-in-0.consumer.lease=0ms         | spring.cloud.stream.driftq.bindings.commands-in-0.consumer.lease
					spring.cloud.stream.driftq.bindings.commands-in-0.consumer.lease=200ms       | spring.cloud.stream.driftq.bindings.commands-in-0.consumer.lease
					spring.cloud.stream.driftq.bindings.commands-in-0.consumer.lease=11m         | spring.cloud.stream.driftq.bindings.commands-in-0.consumer.lease
					spring.cloud.stream.driftq.default.consumer.nack-delay=-1s                   | spring.cloud.stream.driftq.bindings.commands-in-0.consumer.nack-delay
					spring.cloud.stream.driftq.bindings.commands-in-0.consumer.buffer-size=0     | spring.cloud.stream.driftq.bindings.commands-in-0.consumer.buffer-size
					spring.cloud.stream.driftq.bindings.commands-in-0.consumer.shutdown-timeout=-1s | spring.cloud.stream.driftq.bindings.commands-in-0.consumer.shutdown-timeout
					spring.cloud.stream.bindings.commands-in-0.consumer.concurrency=0             | spring.cloud.stream.bindings.commands-in-0.consumer.concurrency
					spring.cloud.stream.bindings.commands-in-0.consumer.back-off-initial-interval=-5 | spring.cloud.stream.bindings.commands-in-0.consumer.back-off-initial-interval
					""")
	void badConsumerSettingFailsAtStartupNamingTheProperty(String setting, String property, DriftqServer server) {
		assertThatThrownBy(() -> new SpringApplicationBuilder(DriftqBinderApplicationTests.App.class)
			.run("--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(), "--test.topic=t-" + UUID.randomUUID(),
					"--spring.main.web-application-type=none", "--" + setting)
			.close()).hasStackTraceContaining(property);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void partitionedConsumerIsWarnedAboutAtBindTime(DriftqServer server, CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
				DriftqBinderApplicationTests.App.class)
			.run("--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(), "--test.topic=t-" + UUID.randomUUID(),
					"--spring.main.web-application-type=none",
					"--spring.cloud.stream.bindings.commands-in-0.consumer.partitioned=true",
					"--spring.cloud.stream.instance-count=2", "--spring.cloud.stream.instance-index=1")) {
			assertThat(output).contains("WARN")
				.contains("spring.cloud.stream.bindings.commands-in-0.consumer.partitioned=true (instance-index 1 of"
						+ " instance-count 2) has no effect with DriftQ");
		}
	}

}
