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

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code /actuator/bindings} shows of a DriftQ consumer binding (its states come
 * from {@link BindingsLifecycleController#queryStates()}): the binding's own settings,
 * not the defaults.
 */
@DriftqServerTest
class DriftqBindingsEndpointTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Consumer<String> sink() {
			return (value) -> {
			};
		}

	}

	@Test
	void aConsumerBindingShowsItsOwnLeaseAndAckMode(DriftqServer server) {
		String topic = "endpoint-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=sink",
				"--spring.cloud.stream.bindings.sink-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.sink-in-0.group=endpoint",
				"--spring.cloud.stream.driftq.bindings.sink-in-0.consumer.lease=15s",
				"--spring.cloud.stream.driftq.bindings.sink-in-0.consumer.ack-mode=manual")) {
			List<Map<String, Object>> states = context.getBean(BindingsLifecycleController.class).queryStates();
			assertThat(states).filteredOn((state) -> "sink-in-0".equals(state.get("bindingName")))
				.singleElement()
				.satisfies((state) -> assertThat(state.toString()).contains("consumer.lease=PT15S")
					.contains("consumer.ackMode=MANUAL"));
		}
	}

	/**
	 * Another binding configured on the same destination (a producer binding named before
	 * it) must not lend its settings: what is shown is the lease the consumer binding
	 * sends to DriftQ.
	 */
	@Test
	void aConsumerBindingSharingItsDestinationShowsTheLeaseItUses(DriftqServer server) {
		String topic = "endpoint-shared-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=sink",
				"--spring.cloud.stream.bindings.audit-out-0.destination=" + topic,
				"--spring.cloud.stream.bindings.sink-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.sink-in-0.group=endpoint",
				"--spring.cloud.stream.driftq.bindings.sink-in-0.consumer.lease=15s")) {
			assertThat(shown(context, "sink-in-0")).contains("consumer.lease=PT15S")
				.doesNotContain("consumer.lease=PT30S");
		}
	}

	/**
	 * A binding with several destinations is bound once per destination; each shows the
	 * binding's lease.
	 */
	@Test
	void aConsumerBindingWithSeveralDestinationsShowsTheLeaseItUses(DriftqServer server) {
		String topic = "endpoint-multi-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=sink",
				"--spring.cloud.stream.bindings.sink-in-0.destination=" + topic + "-a," + topic + "-b",
				"--spring.cloud.stream.bindings.sink-in-0.group=endpoint",
				"--spring.cloud.stream.driftq.bindings.sink-in-0.consumer.lease=15s")) {
			List<Map<String, Object>> states = context.getBean(BindingsLifecycleController.class).queryStates();
			assertThat(states).filteredOn((state) -> "sink-in-0".equals(state.get("bindingName")))
				.hasSize(2)
				.allSatisfy((state) -> assertThat(state.toString()).contains("consumer.lease=PT15S")
					.doesNotContain("consumer.lease=PT30S"));
		}
	}

	private static String shown(ConfigurableApplicationContext context, String bindingName) {
		List<Map<String, Object>> states = context.getBean(BindingsLifecycleController.class).queryStates();
		assertThat(states).filteredOn((state) -> bindingName.equals(state.get("bindingName"))).hasSize(1);
		return states.stream()
			.filter((state) -> bindingName.equals(state.get("bindingName")))
			.findFirst()
			.orElseThrow()
			.toString();
	}

}
