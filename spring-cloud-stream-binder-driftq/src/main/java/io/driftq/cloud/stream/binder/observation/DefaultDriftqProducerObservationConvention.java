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

import io.micrometer.common.KeyValues;

/**
 * The default producer convention: observation {@value #NAME}, contextual name
 * {@code "<topic> send"}; low cardinality {@code messaging.system=driftq},
 * {@code messaging.operation=send}, {@code messaging.destination.name},
 * {@code spring.cloud.stream.binding}; high cardinality
 * {@code messaging.destination.partition.id} when the send names a partition and
 * {@code messaging.driftq.message.key} when allowed.
 */
public class DefaultDriftqProducerObservationConvention implements DriftqProducerObservationConvention {

	/** The observation's name (and the timer's, with a meter handler). */
	public static final String NAME = "driftq.producer";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(DriftqSenderContext context) {
		return context.getDestination() + " send";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(DriftqSenderContext context) {
		return KeyValues.of(DriftqObservationKeys.MESSAGING_SYSTEM, DriftqObservationKeys.DRIFTQ,
				DriftqObservationKeys.OPERATION, "send", DriftqObservationKeys.DESTINATION, context.getDestination(),
				DriftqObservationKeys.BINDING, String.valueOf(context.getBindingName()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(DriftqSenderContext context) {
		KeyValues values = KeyValues.empty();
		if (context.getPartition() != null) {
			values = values.and(DriftqObservationKeys.PARTITION, String.valueOf(context.getPartition()));
		}
		if (context.isMessageKeyObserved() && context.getMessageKey() != null) {
			values = values.and(DriftqObservationKeys.MESSAGE_KEY, context.getMessageKey());
		}
		return values;
	}

}
