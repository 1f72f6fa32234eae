/**
 * Typed failures of DriftQ calls. All are unchecked and extend {@link io.driftq.client.exception.DriftqException};
 * {@link io.driftq.client.exception.DriftqException#isRetryable()} says whether the same call may succeed later.
 */
package io.driftq.client.exception;
