/*
 * Copyright 2026 the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.driftq.idempotent.app;

import io.driftq.idempotent.EffectContext;
import io.driftq.idempotent.IdempotentEffect;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * An application as a user writes it from docs/integrate.md: the starter, a
 * {@code @IdempotentEffect} method, and the database given by {@code spring.datasource.*}
 * (its arguments). Run as a child JVM by {@link PostgresUserPathApplicationTests}, or in
 * process.
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
