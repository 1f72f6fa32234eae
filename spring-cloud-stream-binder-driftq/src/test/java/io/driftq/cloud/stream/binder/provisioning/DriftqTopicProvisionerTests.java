package io.driftq.cloud.stream.binder.provisioning;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;

import io.driftq.client.DriftqClient;
import io.driftq.cloud.stream.binder.properties.DriftqBinderConfigurationProperties;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests of {@link DriftqTopicProvisioner}'s partition counts (no server is contacted).
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
