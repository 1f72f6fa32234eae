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

package io.driftq.cloud.stream.binder.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.driftq.client.DriftqClient;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the DriftQ binder, shown under the {@code binders} contributor (whose status
 * the health endpoint aggregates into the overall one):
 * <ul>
 * <li>DOWN while {@code /v1/healthz} does not answer;</li>
 * <li>OUT_OF_SERVICE while a binding is stuck, by what it reports to
 * {@link DriftqBindingStates}: a consumer holds unsettled messages and has settled none
 * for {@code stall-timeout}; its dead-letter target refused a record within
 * {@code stall-timeout}; a producer's sends have waited for room longer than
 * {@code stall-timeout}, or one gave up within it. The details name binding, topic, group
 * and reason;</li>
 * <li>UP otherwise.</li>
 * </ul>
 * The details always list every consumer binding's unsettled messages and every
 * producer's blocked sends.
 */
public class DriftqBinderHealthIndicator extends AbstractHealthIndicator {

	private final String url;

	private final BooleanSupplier serverHealthy;

	private final DriftqBindingStates states;

	private final Duration stallTimeout;

	/**
	 * @param client the binder's client
	 * @param states what the bindings report
	 * @param stallTimeout how long without progress (or since a refusal) counts as stuck
	 */
	public DriftqBinderHealthIndicator(DriftqClient client, DriftqBindingStates states, Duration stallTimeout) {
		this(client.baseUrl(), client::isHealthy, states, stallTimeout);
	}

	DriftqBinderHealthIndicator(String url, BooleanSupplier serverHealthy, DriftqBindingStates states,
			Duration stallTimeout) {
		super("DriftQ health check failed");
		this.url = url;
		this.serverHealthy = serverHealthy;
		this.states = states;
		this.stallTimeout = stallTimeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("url", this.url);
		List<Map<String, Object>> problems = new ArrayList<>();
		builder.withDetail("consumers", consumers(problems));
		builder.withDetail("producers", producers(problems));
		if (!this.serverHealthy.getAsBoolean()) {
			builder.down().withDetail("reason", "DriftQ at " + this.url + " does not answer /v1/healthz");
		}
		else if (!problems.isEmpty()) {
			builder.outOfService();
		}
		else {
			builder.up();
		}
		if (!problems.isEmpty()) {
			builder.withDetail("problems", problems);
		}
	}

	private List<Map<String, Object>> consumers(List<Map<String, Object>> problems) {
		List<Map<String, Object>> consumers = new ArrayList<>();
		this.states.consumers()
			.stream()
			.sorted(Comparator.comparing(DriftqBindingStates.ConsumerState::topic)
				.thenComparing(DriftqBindingStates.ConsumerState::group))
			.forEach((consumer) -> {
				int unsettled = consumer.unsettled();
				Duration sinceProgress = consumer.sinceProgress();
				Map<String, Object> binding = binding(String.join(",", consumer.bindingNames()), consumer.topic(),
						consumer.group());
				binding.put("unsettled", unsettled);
				consumers.add(binding);
				if (unsettled > 0 && sinceProgress.compareTo(this.stallTimeout) >= 0) {
					problems.add(problem(binding, unsettled + " unsettled message(s) and none settled for "
							+ seconds(sinceProgress) + " (stall-timeout " + seconds(this.stallTimeout) + ")"));
				}
				String refusal = consumer.deadLetterRefusal();
				Duration sinceRefusal = consumer.sinceDeadLetterRefusal();
				if (refusal != null && sinceRefusal.compareTo(this.stallTimeout) < 0) {
					problems.add(problem(binding,
							"the dead-letter target refused a record " + seconds(sinceRefusal) + " ago: " + refusal));
				}
			});
		return consumers;
	}

	private List<Map<String, Object>> producers(List<Map<String, Object>> problems) {
		List<Map<String, Object>> producers = new ArrayList<>();
		this.states.producers()
			.stream()
			.sorted(Comparator.comparing(DriftqBindingStates.ProducerState::topic))
			.forEach((producer) -> {
				int blocked = producer.blockedSends();
				Duration blockedFor = producer.blockedFor();
				Map<String, Object> binding = binding(String.join(",", producer.bindingNames()), producer.topic(),
						null);
				binding.put("blockedSends", blocked);
				producers.add(binding);
				if (blocked > 0 && blockedFor.compareTo(this.stallTimeout) > 0) {
					problems.add(problem(binding, blocked + " send(s) waiting for room in a full partition for "
							+ seconds(blockedFor) + " (stall-timeout " + seconds(this.stallTimeout) + ")"));
				}
				String failure = producer.lastFailure();
				Duration sinceFailure = producer.sinceLastFailure();
				if (failure != null && sinceFailure.compareTo(this.stallTimeout) < 0) {
					problems.add(problem(binding, "a send gave up " + seconds(sinceFailure) + " ago: " + failure));
				}
			});
		return producers;
	}

	private static Map<String, Object> binding(String name, String topic, @Nullable String group) {
		Map<String, Object> binding = new LinkedHashMap<>();
		if (!name.isEmpty()) {
			binding.put("binding", name);
		}
		binding.put("topic", topic);
		if (group != null) {
			binding.put("group", group);
		}
		return binding;
	}

	private static Map<String, Object> problem(Map<String, Object> binding, String reason) {
		Map<String, Object> problem = new LinkedHashMap<>();
		binding.forEach((key, value) -> {
			if (!"unsettled".equals(key) && !"blockedSends".equals(key)) {
				problem.put(key, value);
			}
		});
		problem.put("reason", reason);
		return problem;
	}

	private static String seconds(Duration duration) {
		return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

}
