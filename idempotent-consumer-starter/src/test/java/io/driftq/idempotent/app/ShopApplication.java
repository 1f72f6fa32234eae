package io.driftq.idempotent.app;

import io.driftq.idempotent.EffectContext;
import io.driftq.idempotent.IdempotentEffect;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * An application as a user writes it from docs/integrate.md: the starter, a {@code @IdempotentEffect} method, and
 * the database given by {@code spring.datasource.*} (its arguments). Run as a child JVM by
 * {@link PostgresUserPathApplicationTests}, or in process.
 */
@SpringBootApplication
public class ShopApplication {

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = SpringApplication.run(ShopApplication.class, args)) {
			String charge = context.getEnvironment().getProperty("shop.charge");
			if (charge != null) {
				String[] runAndOrder = charge.split(":");
				System.out.println(context.getBean(Billing.class).charge(runAndOrder[0], runAndOrder[1]));
			}
		}
	}

	@Bean
	Billing shopBilling() {
		return new Billing();
	}

	public static class Billing {

		@IdempotentEffect(step = "charge_card", run = "#run", businessKey = "#order")
		public String charge(String run, String order) {
			return order + " charged with " + EffectContext.current().idempotencyKey();
		}

	}

}
