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

package io.driftq.samples.payments;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every sample test proves, whatever the broker and the database: orders are
 * published with duplicates, the worker is killed with SIGKILL mid-stream and started
 * again, and in the end every order was charged exactly once at a provider that
 * deduplicates on the idempotency key, the effect table holds one completed effect per
 * order, and the provider was called again only for effects cut short by the kill.
 */
final class ChargeOnceScenario {

	/** Publishes one command (JSON) with a message key, as another service would. */
	interface Publisher {

		void publish(String key, String json) throws Exception;

	}

	static final int ORDERS = 30;

	private ChargeOnceScenario() {
	}

	/**
	 * @param app the worker, not started yet
	 * @param provider the payment provider it calls
	 * @param publisher publishes to the worker's destination
	 * @param drained whether the worker's group has settled every published message
	 * @param completedEffects how many effects the effect table holds as completed
	 */
	static void run(SampleProcess app, FakePaymentProvider provider, Publisher publisher, BooleanSupplier drained,
			IntSupplier completedEffects) throws Exception {
		List<String> commands = new ArrayList<>();
		for (int i = 0; i < ORDERS; i++) {
			String order = "order-" + i;
			commands.add("{\"runId\":\"" + UUID.randomUUID() + "\",\"orderId\":\"" + order + "\",\"amount\":"
					+ BigDecimal.valueOf(1000 + i, 2) + "}");
		}
		// every command twice: a producer that retried its send
		for (String command : commands) {
			String order = command.replaceAll(".*\"orderId\":\"([^\"]*)\".*", "$1");
			publisher.publish(order, command);
			publisher.publish(order, command);
		}
		app.start();
		await("a third of the orders charged").atMost(Duration.ofSeconds(60))
			.until(() -> provider.charges() >= ORDERS / 3);
		app.kill();
		int chargesAtKill = provider.charges();
		assertThat(chargesAtKill).as("killed mid-stream").isLessThan(ORDERS);
		app.start();
		await("every order charged (log: " + app.logFile().toAbsolutePath() + ")").atMost(Duration.ofSeconds(120))
			.until(() -> provider.charges() >= ORDERS);
		await("every command settled, duplicates included").atMost(Duration.ofSeconds(60)).until(drained::getAsBoolean);

		Map<String, Set<String>> keys = provider.keysByOrder();
		assertThat(keys).hasSize(ORDERS);
		assertThat(keys.values()).as("one idempotency key per order: one charge per order")
			.allSatisfy((orderKeys) -> assertThat(orderKeys).hasSize(1));
		assertThat(provider.charges()).isEqualTo(ORDERS);
		assertThat(completedEffects.getAsInt()).as("completed effects in the effect table").isEqualTo(ORDERS);
		// a duplicate message is answered from the effect table; only the effects running
		// when the worker was
		// killed may have called the provider a second time (with the same key)
		assertThat(provider.calls()).as("provider calls").isLessThanOrEqualTo(ORDERS + 2);
	}

}
