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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.driftq.idempotent.EffectContext;
import io.driftq.idempotent.EffectInProgressException;
import io.driftq.idempotent.IdempotentEffect;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer application: a {@code Consumer<Command>} calls an {@code @IdempotentEffect}
 * service, as a message binding would, with redeliveries and concurrent duplicates. Run
 * on the default SQLite file ({@link SqliteConsumerApplicationTests}) and on the
 * application's PostgreSQL DataSource ({@link PostgresConsumerApplicationTests}).
 */
@SpringBootTest(classes = ConsumerApplicationTests.ConsumerApplication.class)
abstract class ConsumerApplicationTests {

	@Autowired
	Consumer<Command> consumer;

	@Autowired
	CardProvider provider;

	@Test
	void redeliveredAndConcurrentCommandsChargeOncePerKey() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(16);
		try {
			List<Future<?>> futures = new ArrayList<>();
			CountDownLatch start = new CountDownLatch(1);
			for (int i = 0; i < 64; i++) {
				Command command = new Command("run-a", "order-" + (i % 4), 10 * (i % 4));
				futures.add(executor.submit(() -> {
					start.await();
					deliverUntilDone(command);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		for (int i = 0; i < 4; i++) {
			this.consumer.accept(new Command("run-a", "order-" + i, 10 * i));
		}
		assertThat(this.provider.charges).hasSize(4)
			.containsOnlyKeys("run-a:charge_card:order-0", "run-a:charge_card:order-1", "run-a:charge_card:order-2",
					"run-a:charge_card:order-3")
			.allSatisfy((key, count) -> assertThat(count).hasValue(1));
	}

	private void deliverUntilDone(Command command) {
		while (true) {
			try {
				this.consumer.accept(command);
				return;
			}
			catch (EffectInProgressException ex) {
				// a broker would redeliver later; retry at once
				Thread.onSpinWait();
			}
		}
	}

	record Command(String runId, String businessKey, int amount) {
	}

	record Charge(String idempotencyKey, int amount) {
	}

	static class CardProvider {

		final ConcurrentHashMap<String, AtomicInteger> charges = new ConcurrentHashMap<>();

		Charge charge(String idempotencyKey, int amount) {
			this.charges.computeIfAbsent(idempotencyKey, (key) -> new AtomicInteger()).incrementAndGet();
			return new Charge(idempotencyKey, amount);
		}

	}

	static class Billing {

		private final CardProvider provider;

		Billing(CardProvider provider) {
			this.provider = provider;
		}

		@IdempotentEffect(step = "charge_card", run = "#cmd.runId", businessKey = "#cmd.businessKey")
		public Charge charge(Command cmd) {
			return this.provider.charge(EffectContext.current().idempotencyKey(), cmd.amount());
		}

	}

	@SpringBootApplication
	static class ConsumerApplication {

		@Bean
		CardProvider cardProvider() {
			return new CardProvider();
		}

		@Bean
		Billing billing(CardProvider provider) {
			return new Billing(provider);
		}

		@Bean
		Consumer<Command> chargeCommands(Billing billing) {
			return (command) -> {
				Charge charge = billing.charge(command);
				assertThat(charge.amount()).isEqualTo(command.amount());
			};
		}

	}

}
