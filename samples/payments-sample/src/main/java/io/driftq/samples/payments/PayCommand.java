package io.driftq.samples.payments;

import java.math.BigDecimal;

/** The command the API enqueues: run {@code runId} charges {@code amount} for order {@code orderId}. */
public record PayCommand(String runId, String orderId, BigDecimal amount) {
}
