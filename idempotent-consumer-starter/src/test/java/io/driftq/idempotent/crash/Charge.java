package io.driftq.idempotent.crash;

/**
 * The payload of the crash tests' effect: a record, so its JSON (and payload hash) is the same in every JVM.
 *
 * @param order the order
 * @param amountCents the amount
 */
record Charge(String order, long amountCents) {
}
