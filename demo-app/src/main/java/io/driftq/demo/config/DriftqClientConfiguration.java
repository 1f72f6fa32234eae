package io.driftq.demo.config;

import io.driftq.client.DriftqClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The DriftQ client the demo uses directly: per-run event topics (one topic per run is not a binding), the live
 * event stream, the DLQ peek and the health check. Commands go through the binder.
 */
@Configuration(proxyBeanMethods = false)
class DriftqClientConfiguration {

	@Bean(destroyMethod = "close")
	DriftqClient driftqClient(DemoProperties properties) {
		return DriftqClient.builder(properties.driftqUrl()).build();
	}

}
