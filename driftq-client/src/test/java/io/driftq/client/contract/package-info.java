/**
 * Contract tests: each confirms or refutes one fact of DriftQ's behaviour on the live, pinned {@code driftqd}. The
 * findings are summarised in {@code docs/driftq-behaviour.md}, which names the test that shows each one.
 */
package io.driftq.client.contract;
