/**
 * Testcontainers support: {@code @ServiceConnection} for {@code DriftqContainer}.
 */
package io.driftq.cloud.stream.binder.testcontainers;
