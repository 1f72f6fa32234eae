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

package io.driftq.demo.worker;

import java.util.Map;

import io.driftq.demo.Command;
import io.driftq.demo.events.RunEvents;
import io.driftq.idempotent.EffectContext;
import io.driftq.idempotent.IdempotentEffect;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;

/**
 * The side effect: charge the card and write the ticket, once per
 * {@code run_id:charge_card:business_key}. The payment provider gets the effect's
 * downstream idempotency key, so even a re-run after a crash between the charge and the
 * completion marker (the RERUN policy) charges nothing twice; the ticket file is
 * create-only.
 */
@Service
@Profile("!api")
public class ChargeService {

	private final PaymentGateway payments;

	private final TicketFiles tickets;

	private final RunEventQueue events;

	private final WorkerCrash crash;

	ChargeService(PaymentGateway payments, TicketFiles tickets, RunEventQueue events, WorkerCrash crash) {
		this.payments = payments;
		this.tickets = tickets;
		this.events = events;
		this.crash = crash;
	}

	/**
	 * Charges and writes the ticket, or replays the stored receipt of an earlier
	 * invocation.
	 * @param cmd the command
	 * @param invocationId this handler invocation (stored in the receipt; not part of the
	 * payload)
	 * @return the receipt
	 */
	@IdempotentEffect(step = Command.CHARGE_CARD, run = "#cmd.runId", businessKey = "#cmd.businessKey",
			payload = "#cmd.amount")
	public ChargeReceipt charge(Command cmd, String invocationId) {
		EffectContext effect = EffectContext.current();
		Map<String, Object> executing = RunEvents.event("side_effect.executing", cmd.runId());
		executing.put("step_id", cmd.stepOrDefault());
		executing.put("business_key", cmd.businessKey());
		executing.put("effect_id", effect.effectId());
		executing.put("amount", cmd.amount());
		this.events.send(cmd.eventsTopicOrDefault(), executing,
				"evt:" + cmd.runId() + ":" + cmd.stepOrDefault() + ":effect:exec");
		String chargeId = this.payments.charge(effect.idempotencyKey(), cmd.businessKey(), cmd.amount());
		TicketFiles.Ticket ticket = this.tickets.createOnce(cmd, chargeId, effect.effectId());
		if (cmd.crashDuringEffect() && ticket.created()) {
			// only the attempt that wrote the ticket halts: the re-run after the claim's
			// lease finds it and finishes
			Map<String, Object> chaos = RunEvents.event("chaos.crash_now", cmd.runId());
			chaos.put("note", "crashing worker on purpose during the side effect, before it is marked done");
			this.events.send(cmd.eventsTopicOrDefault(), chaos,
					"evt:" + cmd.runId() + ":" + cmd.stepOrDefault() + ":chaos:crash_during");
			this.events.awaitSent(cmd.eventsTopicOrDefault());
			this.crash.now("during the side effect of run " + cmd.runId() + ", before it is marked done");
		}
		return new ChargeReceipt(invocationId, chargeId, ticket.path().toString(), effect.effectId(),
				effect.idempotencyKey(), cmd.amount());
	}

}
