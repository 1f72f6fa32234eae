/**
 * A Java client for the DriftQ HTTP/NDJSON v1 API: {@link io.driftq.client.DriftqClient} for topics, produce, ack,
 * nack, health and version, and {@link io.driftq.client.ConsumeSubscription} for a continuous consume over DriftQ's
 * short-lived consume streams.
 */
package io.driftq.client;
