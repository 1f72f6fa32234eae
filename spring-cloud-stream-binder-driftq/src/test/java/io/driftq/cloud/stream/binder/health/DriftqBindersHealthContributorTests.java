package io.driftq.cloud.stream.binder.health;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.driftq.test.DriftqServer;
import io.driftq.test.DriftqServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In an application, the binder's indicator shows up as {@code binders/driftq} in Spring Cloud Stream's
 * {@code binders} health contributor and follows the real server down and up again.
 */
@DriftqServerTest
class DriftqBindersHealthContributorTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Consumer<String> sink() {
			return (value) -> {
			};
		}

	}

	@Test
	void bindersContributorReportsDriftqDownAndUp(DriftqServer server) {
		String topic = "health-" + UUID.randomUUID();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).run(
				"--spring.cloud.stream.driftq.binder.url=" + server.baseUrl(),
				"--spring.cloud.stream.driftq.binder.request-timeout=2s",
				"--spring.main.web-application-type=none", "--spring.cloud.function.definition=sink",
				"--spring.cloud.stream.bindings.sink-in-0.destination=" + topic,
				"--spring.cloud.stream.bindings.sink-in-0.group=health")) {
			CompositeHealthContributor binders = context.getBean("bindersHealthContributor",
					CompositeHealthContributor.class);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status(binders)).isEqualTo(Status.UP));
			server.kill();
			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(status(binders)).isEqualTo(Status.DOWN));
			server.restart();
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(status(binders)).isEqualTo(Status.UP));
		}
	}

	private static Status status(CompositeHealthContributor binders) {
		HealthContributor driftq = binders.getContributor("driftq");
		assertThat(driftq).isInstanceOf(HealthIndicator.class);
		return ((HealthIndicator) driftq).health().getStatus();
	}

}
