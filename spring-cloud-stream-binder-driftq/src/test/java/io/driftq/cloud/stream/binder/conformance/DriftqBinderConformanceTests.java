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

package io.driftq.cloud.stream.binder.conformance;

import java.time.Duration;
import java.util.UUID;

import io.driftq.client.ConsumeSubscription;
import io.driftq.client.model.ConsumedMessage;
import io.driftq.cloud.stream.binder.DriftqMessageChannelBinder;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;
import io.driftq.cloud.stream.binder.properties.DriftqProducerProperties;
import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import org.springframework.cloud.stream.binder.Binding;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.ExtendedProducerProperties;
import org.springframework.cloud.stream.binder.PartitionCapableBinderTests;
import org.springframework.cloud.stream.binder.Spy;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud Stream's binder conformance kit ({@code spring-cloud-stream-test-support},
 * {@link PartitionCapableBinderTests}) run against the real
 * {@link DriftqMessageChannelBinder} and one real {@code driftqd} started for the class.
 * <p>
 * The kit's producer bindings embed all headers in the value
 * ({@code embedded-headers: *}), since DriftQ carries none. The kit tests that cannot
 * pass are overridden below with {@link Disabled} and the reason: two, because of DriftQ
 * limits documented in {@code docs/binder.md}. Each override only carries the annotation
 * and delegates to the kit's test, so removing the annotation runs the kit's test
 * unchanged.
 */
@DriftqServerTest
class DriftqBinderConformanceTests extends
		PartitionCapableBinderTests<DriftqTestBinder, ExtendedConsumerProperties<DriftqConsumerProperties>, ExtendedProducerProperties<DriftqProducerProperties>> {

	private DriftqServer server;

	@BeforeEach
	void server(DriftqServer server) {
		this.server = server;
	}

	@Override
	protected DriftqTestBinder getBinder() {
		if (this.testBinder == null) {
			this.testBinder = new DriftqTestBinder(this.server.baseUrl());
		}
		return this.testBinder;
	}

	@Override
	protected ExtendedConsumerProperties<DriftqConsumerProperties> createConsumerProperties() {
		ExtendedConsumerProperties<DriftqConsumerProperties> properties = new ExtendedConsumerProperties<>(
				new DriftqConsumerProperties());
		// the values Spring Cloud Stream's BindingServiceProperties would fill in for a
		// single instance
		properties.setInstanceCount(1);
		properties.setInstanceIndex(0);
		return properties;
	}

	@Override
	protected ExtendedProducerProperties<DriftqProducerProperties> createProducerProperties(TestInfo testInfo) {
		DriftqProducerProperties driftq = new DriftqProducerProperties();
		// DriftQ carries no headers: the kit's header assertions need them embedded in
		// the value
		driftq.setEmbeddedHeaders(java.util.List.of("*"));
		return new ExtendedProducerProperties<>(driftq);
	}

	/**
	 * DriftQ spreads a group's messages over all of the group's consume streams and has
	 * no partition assignment, so the binder does not control which consumer instance
	 * gets which partition: implicit routing, as with Kafka.
	 */
	@Override
	protected boolean usesExplicitRouting() {
		return false;
	}

	@Override
	protected String getClassUnderTestName() {
		return DriftqMessageChannelBinder.class.getSimpleName();
	}

	/**
	 * Reads the topic {@code name} directly with the DriftQ client, in a group of its
	 * own, acking what it reads. A new DriftQ group starts at the beginning of the topic,
	 * so the spy also sees messages sent before it was created. No test of the kit
	 * (5.0.1) calls it.
	 */
	@Override
	public Spy spyOn(String name) {
		ConsumeSubscription subscription = getBinder().spySubscription(name);
		return (expectNull) -> {
			ConsumedMessage message = subscription.poll(
					expectNull ? Duration.ofMillis(500) : Duration.ofMillis((long) (10_000 * this.timeoutMultiplier)));
			if (message == null) {
				return null;
			}
			getBinder().getClient().ack(message);
			return message.value();
		};
	}

	/** Not a kit test: checks {@link #spyOn} itself, since no kit test uses it. */
	@Test
	void spyReadsWhatTheProducerBindingSent(TestInfo testInfo) throws Exception {
		String topic = "spy." + UUID.randomUUID();
		// plain values (no embedded headers): the spy reads the DriftQ value as it is
		ExtendedProducerProperties<DriftqProducerProperties> plain = new ExtendedProducerProperties<>(
				new DriftqProducerProperties());
		DirectChannel output = createBindableChannel("output", createProducerBindingProperties(plain));
		Binding<MessageChannel> producerBinding = getBinder().bindProducer(topic, output, plain);
		Spy spy = spyOn(topic);
		output.send(MessageBuilder.withPayload("spied").setHeader(MessageHeaders.CONTENT_TYPE, "text/plain").build());
		assertThat(spy.receive(false)).isEqualTo("spied");
		assertThat(spy.receive(true)).isNull();
		producerBinding.unbind();
	}

	// ---- kit tests that cannot pass ----

	/**
	 * After unbinding the second anonymous consumer and binding it again, the kit expects
	 * it to receive only the message sent after the re-bind; it receives the topic's
	 * first message.
	 */
	@Override
	@Test
	@Disabled("DriftQ has no start position for a consumer group: GET /v1/consume takes only topic, group, owner, "
			+ "lease_ms, and a new group starts at the beginning of the topic. A re-bound anonymous consumer is a new "
			+ "group (anonymous.<uuid>) and replays the topic's history instead of starting at its end "
			+ "(docs/binder.md, 'Consumer properties' and 'requiredGroups').")
	public void testAnonymousGroup(TestInfo testInfo) throws Exception {
		super.testAnonymousGroup(testInfo);
	}

	/**
	 * Expects each of three instances (instance-index 0..2 of instance-count 3) to
	 * receive exactly one message and the correlation headers to arrive. Observed against
	 * driftqd: instance 0 got partitions 1 and 2, instance 1 got partition 0, instance 2
	 * nothing (the headers travel embedded).
	 */
	@Override
	@Test
	@Disabled("DriftQ has no partition assignment (docs/binder.md, 'DriftQ limits that show through'): a group's "
			+ "messages go round-robin to all its consume streams, so instance-index/instance-count cannot pin "
			+ "partitions to instances and one instance may get several partitions' messages while another gets none. "
			+ "(Its correlation headers now travel embedded; run without @Disabled it fails because one instance "
			+ "receives nothing.)")
	public void testPartitionedModuleSpEL(TestInfo testInfo) throws Exception {
		super.testPartitionedModuleSpEL(testInfo);
	}

}
