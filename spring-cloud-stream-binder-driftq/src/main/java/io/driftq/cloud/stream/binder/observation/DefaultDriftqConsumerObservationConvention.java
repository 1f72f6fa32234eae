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

package io.driftq.cloud.stream.binder.observation;

import io.driftq.client.model.ConsumedMessage;
import io.micrometer.common.KeyValues;

/**
 * The default consumer convention: observation {@value #NAME}, contextual name
 * {@code "<topic> process"}; low cardinality {@code messaging.system=driftq},
 * {@code messaging.operation=process}, {@code messaging.destination.name},
 * {@code messaging.consumer.group.name}, {@code spring.cloud.stream.binding}; high
 * cardinality {@code messaging.destination.partition.id},
 * {@code messaging.driftq.message.offset}, {@code messaging.driftq.message.attempt}
 * (DriftQ's delivery count, 1 on the first) and {@code messaging.driftq.message.key} when
 * allowed.
 */
public class DefaultDriftqConsumerObservationConvention implements DriftqConsumerObservationConvention {

	/** The observation's name (and the timer's, with a meter handler). */
	public static final String NAME = "driftq.consumer";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(DriftqReceiverContext context) {
		return context.getDelivery().topic() + " process";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(DriftqReceiverContext context) {
		ConsumedMessage delivery = context.getDelivery();
		return KeyValues.of(DriftqObservationKeys.MESSAGING_SYSTEM, DriftqObservationKeys.DRIFTQ,
				DriftqObservationKeys.OPERATION, "process", DriftqObservationKeys.DESTINATION, delivery.topic(),
				DriftqObservationKeys.GROUP, String.valueOf(delivery.group()), DriftqObservationKeys.BINDING,
				String.valueOf(context.getBindingName()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(DriftqReceiverContext context) {
		ConsumedMessage delivery = context.getDelivery();
		KeyValues values = KeyValues.of(DriftqObservationKeys.PARTITION, String.valueOf(delivery.partition()),
				DriftqObservationKeys.OFFSET, String.valueOf(delivery.offset()), DriftqObservationKeys.ATTEMPT,
				String.valueOf(delivery.attempts()));
		if (context.isMessageKeyObserved() && delivery.key() != null && !delivery.key().isEmpty()) {
			values = values.and(DriftqObservationKeys.MESSAGE_KEY, delivery.key());
		}
		return values;
	}

}
