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

package io.driftq.demo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code tracing} profile across two JVMs: {@code driftqd}, the API JVM and the
 * worker JVM, both exporting to a {@link ZipkinReceiver} in the test. One run (with one
 * forced failure, so the worker retries in process) is one trace: the API's HTTP server
 * span, the binder's producer span of its command (the trace context travels in the
 * command's embedded headers), the worker's consumer span, Spring Cloud Function's span
 * per handler call and, below the successful one, the starter's effect span. The run's
 * events, {@code GET /runs/{id}} and the worker's log lines carry that trace id. And the
 * default (no {@code tracing} profile): the same run completes, no span is sent anywhere,
 * no error is logged.
 */
class TracingIT {

	private static final String UI_URL = "http://zipkin.test/zipkin/";

	@Test
	void oneRunIsOneTraceFromTheApisRequestThroughTheCommandToTheWorkersEffect() {
		try (ZipkinReceiver zipkin = new ZipkinReceiver(); DemoStack stack = DemoStack.onSqlite("tracing")) {
			List<String> tracing = List.of("--management.tracing.export.zipkin.endpoint=" + zipkin.endpoint(),
					"--sidefx.tracing.ui-url=" + UI_URL);
			DemoProcess api = stack.startProcess("api-tracing", DemoStack.API_PROFILES + ",tracing", tracing);
			List<String> workerArguments = new ArrayList<>(tracing);
			workerArguments.add("--logging.level.io.driftq.demo.worker.CommandHandler=DEBUG");
			DemoProcess worker = stack.startProcess("worker-tracing", DemoStack.WORKER_PROFILES + ",tracing",
					workerArguments);
			api.awaitHealthy();
			worker.awaitHealthy();
			DemoApi demo = new DemoApi(api.baseUrl());

			String key = "traced-" + UUID.randomUUID().toString().substring(0, 8);
			String runId = demo.startRun(Map.of("business_key", key, "fail_before_effect_n", 1));
			List<JsonNode> events = demo.eventsUntil(runId, "run.completed", Duration.ofSeconds(90));

			JsonNode run = demo.getJson("/runs/" + runId);
			String traceId = run.get("trace_id").asString();
			assertThat(traceId).matches("[0-9a-f]{32}");
			assertThat(run.get("trace_url").asString()).isEqualTo("http://zipkin.test/zipkin/traces/" + traceId);
			List<JsonNode> told = events.stream()
				.filter((e) -> !"sse.connected".equals(e.get("type").asString()))
				.toList();
			assertThat(told).extracting((e) -> e.path("type").asString())
				.contains("run.created", "step.failed", "side_effect.done", "run.completed");
			assertThat(told).as("every event of the run, API's and worker's, in the run's trace")
				.allSatisfy((e) -> assertThat(e.path("trace_id").asString()).isEqualTo(traceId));

			await("the run's spans from both JVMs").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> arrived(zipkin.trace(traceId)));
			List<JsonNode> spans = zipkin.trace(traceId);
			JsonNode http = find(spans, server()).orElseThrow();
			assertThat(service(http)).isEqualTo("sidefx-demo-api");
			assertThat(http.has("parentId")).as("the request's span is the root").isFalse();
			// API: http post /runs -> (Spring Security's "secured request", Spring
			// Integration's "commands-out-0
			// send") -> the binder's "sidefx.commands send"
			JsonNode send = find(spans, named("sidefx.commands send")).orElseThrow();
			assertThat(send.path("kind").asString()).isEqualTo("PRODUCER");
			assertThat(send.path("tags").path("messaging.system").asString()).isEqualTo("driftq");
			List<JsonNode> sendAncestors = ancestors(spans, send);
			assertThat(sendAncestors).as("the send inside the request")
				.endsWith(http)
				.allSatisfy((span) -> assertThat(service(span)).isEqualTo("sidefx-demo-api"));
			// worker: the binder's "sidefx.commands process" (one delivery: the failure
			// was retried in process)
			// -> Spring Cloud Function's "handleCommand process" per handler call -> the
			// starter's effect
			List<JsonNode> consumers = spans.stream().filter(named("sidefx.commands process")).toList();
			assertThat(consumers).as("one delivery").hasSize(1);
			JsonNode consumer = consumers.get(0);
			assertThat(consumer.path("kind").asString()).isEqualTo("CONSUMER");
			assertThat(service(consumer)).isEqualTo("sidefx-demo-worker");
			assertThat(consumer.path("tags").path("messaging.consumer.group.name").asString())
				.isEqualTo("sidefx-worker");
			assertThat(parent(spans, consumer)).as("the worker's span is the child of the API's send").isEqualTo(send);
			List<JsonNode> calls = spans.stream().filter(named("handleCommand process")).toList();
			assertThat(calls).as("two handler calls, the first failed on purpose")
				.hasSize(2)
				.allSatisfy((call) -> assertThat(parent(spans, call)).isEqualTo(consumer));
			assertThat(calls).filteredOn((call) -> call.path("tags").has("error"))
				.singleElement()
				.satisfies((failed) -> assertThat(failed.path("tags").path("error").asString())
					.isEqualTo("forced failure before side effect"));
			List<JsonNode> effects = spans.stream().filter(named("effect charge_card")).toList();
			assertThat(effects).as("one effect, run once").singleElement().satisfies((effect) -> {
				assertThat(service(effect)).isEqualTo("sidefx-demo-worker");
				assertThat(effect.path("tags").path("effect.id").asString()).isEqualTo(runId + ":charge_card:" + key);
				assertThat(effect.path("tags").path("outcome").asString()).isEqualTo("executed");
				JsonNode call = parent(spans, effect);
				assertThat(call.path("name").asString()).isEqualTo("handleCommand process");
				assertThat(call.path("tags").has("error")).isFalse();
			});
			assertThat(spans).as("one trace from both JVMs, nothing else")
				.allSatisfy((span) -> assertThat(service(span)).isIn("sidefx-demo-api", "sidefx-demo-worker"));
			assertThat(zipkin.failures()).isEmpty();
			// Boot's log correlation: [trace id-span id] on the handler's lines (its
			// DEBUG line, turned on above)
			assertThat(log(worker)).as("the worker's log lines carry the trace and span ids")
				.containsPattern("\\[" + traceId + "-[0-9a-f]{16}\\] .*CommandHandler +: Handling run " + runId);
			assertThat(log(api)).doesNotContain(" ERROR ");
			assertThat(log(worker)).doesNotContain(" ERROR ");
		}
	}

	@Test
	void byDefaultNothingIsExportedAndTheWorkerStillWorks() throws InterruptedException {
		try (ZipkinReceiver zipkin = new ZipkinReceiver(); DemoStack stack = DemoStack.onSqlite("no-tracing")) {
			// the receiver is where spans would go, were export on
			List<String> endpoint = List.of("--management.tracing.export.zipkin.endpoint=" + zipkin.endpoint());
			stack.startAll(endpoint, 1, endpoint);
			DemoApi demo = stack.api();
			String runId = demo
				.startRun(Map.of("business_key", "untraced-" + UUID.randomUUID().toString().substring(0, 8)));
			List<JsonNode> events = demo.eventsUntil(runId, "run.completed", Duration.ofSeconds(90));
			assertThat(DemoApi.types(events)).contains("side_effect.done", "run.completed");
			JsonNode run = demo.getJson("/runs/" + runId);
			assertThat(run.get("trace_url").isNull()).as("no ui-url, no link").isTrue();

			DemoProcess api = stack.apiProcess();
			DemoProcess worker = stack.workers().get(0);
			// no polled source: a Supplier bean (such as a trace id supplier) would be
			// bound and polled every second
			assertThat(log(api)).doesNotContain("SourcePollingChannelAdapter");
			assertThat(log(worker)).doesNotContain("SourcePollingChannelAdapter");

			// a graceful stop flushes what a reporter holds: only then is "nothing sent"
			// a fact
			api.close();
			worker.close();
			assertThat(zipkin.requests()).as("no export attempted").isZero();
			assertThat(log(api)).doesNotContain(" ERROR ").doesNotContainIgnoringCase("zipkin");
			assertThat(log(worker)).doesNotContain(" ERROR ").doesNotContainIgnoringCase("zipkin");
		}
	}

	/**
	 * Every span the assertions look at is in (each JVM reports its spans when they end,
	 * in batches).
	 */
	private static boolean arrived(List<JsonNode> spans) {
		return find(spans, server()).isPresent() && find(spans, named("sidefx.commands send")).isPresent()
				&& find(spans, named("sidefx.commands process")).isPresent()
				&& find(spans, named("effect charge_card")).isPresent()
				&& spans.stream().filter(named("handleCommand process")).count() >= 2;
	}

	private static Predicate<JsonNode> named(String name) {
		return (span) -> name.equalsIgnoreCase(span.path("name").asString());
	}

	private static Predicate<JsonNode> server() {
		return (span) -> "SERVER".equals(span.path("kind").asString())
				&& span.path("tags").path("http.url").asString().endsWith("/runs")
				&& "POST".equalsIgnoreCase(span.path("tags").path("method").asString(""));
	}

	private static Optional<JsonNode> find(List<JsonNode> spans, Predicate<JsonNode> which) {
		return spans.stream().filter(which).findFirst();
	}

	private static String service(JsonNode span) {
		return span.path("localEndpoint").path("serviceName").asString();
	}

	private static JsonNode parent(List<JsonNode> spans, JsonNode span) {
		String parentId = span.path("parentId").asString(null);
		return spans.stream().filter((s) -> s.path("id").asString().equals(parentId)).findFirst().orElse(null);
	}

	private static List<JsonNode> ancestors(List<JsonNode> spans, JsonNode span) {
		List<JsonNode> chain = new ArrayList<>();
		JsonNode current = parent(spans, span);
		while (current != null) {
			chain.add(current);
			current = parent(spans, current);
		}
		return chain;
	}

	private static String log(DemoProcess process) {
		try {
			return Files.readString(process.logFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
