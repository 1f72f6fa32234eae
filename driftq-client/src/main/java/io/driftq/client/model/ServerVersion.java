package io.driftq.client.model;

/**
 * The server's {@code /v1/version} answer.
 *
 * @param version the build version
 * @param commit the build commit
 * @param walEnabled whether the server writes a WAL
 */
public record ServerVersion(String version, String commit, boolean walEnabled) {
}
