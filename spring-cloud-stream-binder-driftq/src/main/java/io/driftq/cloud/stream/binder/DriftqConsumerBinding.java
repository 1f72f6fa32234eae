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

import java.time.Duration;

import io.driftq.client.DriftqClient;
import io.driftq.cloud.stream.binder.health.DriftqBindingStates;
import io.driftq.cloud.stream.binder.metrics.DriftqBinderMetrics;
import io.driftq.cloud.stream.binder.properties.DriftqConsumerProperties;
import io.driftq.cloud.stream.binder.provisioning.DriftqTopicProvisioner;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;

/**
 * What a push or polled consumer binding is built from: where it reads, its settings, and
 * the pieces it shares with the binder (client, provisioner, metrics, binding state, dead
 * letter retainer) or builds once (settlement, deferred exceptions).
 */
record DriftqConsumerBinding(DriftqClient client, DriftqTopicProvisioner provisioner, String topic, String group,
		String instanceId, ExtendedConsumerProperties<DriftqConsumerProperties> properties, DriftqBinderMetrics metrics,
		DriftqBindingStates.ConsumerState state, DeadLetterRetainer retainer, DeferredExceptions deferred,
		DriftqConsumerSettlement settlement) {

	static DriftqConsumerBinding create(DriftqClient client, DriftqTopicProvisioner provisioner, String topic,
			String group, String instanceId, ExtendedConsumerProperties<DriftqConsumerProperties> properties,
			DriftqBinderMetrics metrics, DriftqBindingStates states, DeadLetterRetainer retainer,
			DriftqRetryPolicy retryPolicy) {
		DriftqBindingStates.ConsumerState state = states.consumer(topic, group, properties.getBindingName());
		DriftqDeadLetterPublisher deadLetters = new DriftqDeadLetterPublisher(client, provisioner, properties, topic,
				group, metrics, state);
		DriftqConsumerSettlement settlement = new DriftqConsumerSettlement(client, properties, topic, group, metrics,
				state, deadLetters, retryPolicy);
		return new DriftqConsumerBinding(client, provisioner, topic, group, instanceId, properties, metrics, state,
				retainer, deferredExceptions(properties), settlement);
	}

	static DeferredExceptions deferredExceptions(ExtendedConsumerProperties<DriftqConsumerProperties> properties) {
		return new DeferredExceptions(properties.getExtension().getDeferredExceptions(),
				Duration.ofMillis(properties.getBackOffInitialInterval()));
	}

}
