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

package io.driftq.samples.payments;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The payments sample's {@code @IdempotentEffect} code, unchanged, on Spring Cloud
 * Stream's Kafka binder with a KRaft broker from spring-kafka-test on loopback:
 * duplicates, a SIGKILL mid-stream, a restart, every order charged once.
 */
class KafkaPaymentsIT {

	private static final String TOPIC = "payments.commands";

	private static final String GROUP = "payments-worker";

	@Test
	void everyOrderIsChargedOnceOnTheKafkaBinder(@TempDir Path dir) throws Exception {
		EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
		kafka.afterPropertiesSet();
		Path effects = dir.resolve("effects.sqlite");
		try (FakePaymentProvider provider = new FakePaymentProvider(Duration.ofMillis(40));
				KafkaProducer<String, String> producer = producer(kafka.getBrokersAsString());
				Admin admin = Admin
					.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()));
				SampleProcess app = new SampleProcess("payments-kafka",
						List.of("--spring.cloud.stream.kafka.binder.brokers=" + kafka.getBrokersAsString(),
								"--payments.provider-url=" + provider.url(),
								"--driftq.effects.sqlite.path=" + effects))) {
			assertThat(kafka.getBrokersAsString()).as("the broker listens on loopback")
				.matches("(localhost|127\\.0\\.0\\.1):\\d+(,(localhost|127\\.0\\.0\\.1):\\d+)*");
			ChargeOnceScenario.run(app, provider,
					(key, json) -> producer.send(new ProducerRecord<>(TOPIC, key, json)).get(), () -> drained(admin),
					() -> SqlitePaymentsIT.completedEffects(effects));
		}
		finally {
			kafka.destroy();
		}
	}

	private static KafkaProducer<String, String> producer(String brokers) {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
		return new KafkaProducer<>(properties);
	}

	/** Whether the worker's group has committed every record of the topic. */
	private static boolean drained(Admin admin) {
		try {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
				.partitionsToOffsetAndMetadata()
				.get();
			Map<TopicPartition, OffsetSpec> latest = committed.keySet()
				.stream()
				.collect(Collectors.toMap((partition) -> partition, (partition) -> OffsetSpec.latest()));
			if (latest.isEmpty()) {
				return false;
			}
			var ends = admin.listOffsets(latest).all().get();
			return committed.entrySet()
				.stream()
				.allMatch((entry) -> entry.getValue().offset() >= ends.get(entry.getKey()).offset());
		}
		catch (Exception ex) {
			return false;
		}
	}

}
