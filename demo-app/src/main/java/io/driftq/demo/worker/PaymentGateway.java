package io.driftq.demo.worker;

/**
 * A payment provider that, like Stripe, dedupes charges by an idempotency key: a repeated request with the same
 * key returns the first charge instead of charging again.
 */
public interface PaymentGateway {

	/**
	 * Charges once per idempotency key.
	 * @param idempotencyKey the key the provider dedupes on
	 * @param businessKey the order / payment intent
	 * @param amount the amount
	 * @return the charge id (the same one for the same key)
	 */
	String charge(String idempotencyKey, String businessKey, double amount);

}
