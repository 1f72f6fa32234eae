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

package io.driftq.cloud.stream.binder.provisioning;

import io.driftq.client.DriftqClient;
import io.driftq.cloud.stream.binder.properties.DriftqBinderConfigurationProperties;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests of {@link DriftqTopicProvisioner}'s partition counts (no server is
 * contacted).
 */
class DriftqTopicProvisionerTests {

	@Test
	void consumeStreamsReCreateAVanishedTopicOnlyWhenTopicsAreAutoCreated() {
		DriftqConsumerProperties extension = new DriftqConsumerProperties();
		extension.setPartitions(3);
		ExtendedConsumerProperties<DriftqConsumerProperties> properties = new ExtendedConsumerProperties<>(extension);
		DriftqBinderConfigurationProperties binder = new DriftqBinderConfigurationProperties();
		try (DriftqClient client = DriftqClient.builder("http://127.0.0.1:9").build()) {
			assertThat(new DriftqTopicProvisioner(client, binder).consumerRecreatePartitions(properties)).isEqualTo(3);
			binder.setAutoCreateTopics(false);
			assertThat(new DriftqTopicProvisioner(client, binder).consumerRecreatePartitions(properties)).isZero();
		}
	}

}
