package io.driftq.cloud.stream.binder.health;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.driftq.client.DriftqClient;

/**
 * Health of the DriftQ binder, shown under the {@code binders} contributor: UP while {@code /v1/healthz} answers,
 * DOWN while the server is unreachable.
 */
public class DriftqBinderHealthIndicator extends AbstractHealthIndicator {

	private final DriftqClient client;

	public DriftqBinderHealthIndicator(DriftqClient client) {
		super("DriftQ health check failed");
		this.client = client;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("url", this.client.baseUrl());
		if (this.client.isHealthy()) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}
