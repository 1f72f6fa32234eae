/**
 * Test support that runs the real DriftQ server: {@link io.driftq.test.DriftqServer} starts, stops, kills and
 * restarts a local {@code driftqd} process; {@link io.driftq.test.DriftqServerTest} gives a JUnit test class one
 * running server; {@link io.driftq.test.DriftqContainer} runs the server image with Testcontainers when a Docker
 * engine is present.
 */
package io.driftq.test;
