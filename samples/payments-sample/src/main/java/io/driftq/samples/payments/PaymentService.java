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

import io.driftq.idempotent.EffectContext;
import io.driftq.idempotent.IdempotentEffect;

import org.springframework.stereotype.Service;

/** integrate.md, step 5: the side effect behind {@code @IdempotentEffect}. */
@Service
public class PaymentService {

	private final PaymentProvider provider;

	public PaymentService(PaymentProvider provider) {
		this.provider = provider;
	}

	@IdempotentEffect(step = "charge_card", run = "#cmd.runId", businessKey = "#cmd.orderId", payload = "#cmd.amount")
	public String pay(PayCommand cmd) {
		// the same key on every attempt: the provider returns the first charge instead of
		// making a second
		return this.provider.charge(cmd.orderId(), cmd.amount(), EffectContext.current().idempotencyKey());
	}

}
