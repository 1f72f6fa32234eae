/**
 * Immutable values exchanged with a DriftQ server: what is produced, what is consumed, and the envelope that
 * travels with a message.
 */
package io.driftq.client.model;
