package io.driftq.samples.payments;

import org.springframework.stereotype.Service;

import io.driftq.idempotent.EffectContext;
import io.driftq.idempotent.IdempotentEffect;

/** integrate.md, step 5: the side effect behind {@code @IdempotentEffect}. */
@Service
public class PaymentService {

	private final PaymentProvider provider;

	public PaymentService(PaymentProvider provider) {
		this.provider = provider;
	}

	@IdempotentEffect(step = "charge_card", run = "#cmd.runId", businessKey = "#cmd.orderId", payload = "#cmd.amount")
	public String pay(PayCommand cmd) {
		// the same key on every attempt: the provider returns the first charge instead of making a second
		return this.provider.charge(cmd.orderId(), cmd.amount(), EffectContext.current().idempotencyKey());
	}

}
