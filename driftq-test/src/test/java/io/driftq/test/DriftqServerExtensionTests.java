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

package io.driftq.test;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Tests for {@link DriftqServerExtension}: runs small {@link DriftqServerTest} classes
 * with the JUnit engine and checks which servers they were given.
 */
class DriftqServerExtensionTests {

	@Test
	void injectsOneRunningServerEverywhereInAClassAndClosesItAfterTheClass() {
		SharedServer.seen.clear();
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(SharedServer.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(3).succeeded(3));
		// beforeAll, then per test: constructor, beforeEach, the test (the nested test
		// adds its own instance)
		assertThat(SharedServer.seen).hasSize(10);
		DriftqServer server = SharedServer.seen.get(0);
		assertThat(SharedServer.seen).allSatisfy((seen) -> assertThat(seen).isSameAs(server));
		assertThat(server.isRunning()).isFalse();
		assertThat(server.walFile().getParent()).doesNotExist();
		assertThat(server.logFile().getFileName().toString()).startsWith("SharedServer-");
	}

	@Test
	void givesEachClassItsOwnServerWithTheAnnotatedArguments() throws Exception {
		SharedServer.seen.clear();
		PerClassLifecycle.seen.clear();
		EngineTestKit.engine("junit-jupiter")
			.selectors(selectClass(SharedServer.class), selectClass(PerClassLifecycle.class))
			.execute()
			.testEvents()
			.assertStatistics((stats) -> stats.started(4).succeeded(4));
		assertThat(PerClassLifecycle.seen).hasSize(2)
			.allSatisfy((seen) -> assertThat(seen).isSameAs(PerClassLifecycle.seen.get(0)));
		DriftqServer perClass = PerClassLifecycle.seen.get(0);
		assertThat(perClass).isNotSameAs(SharedServer.seen.get(0));
		assertThat(perClass.isRunning()).isFalse();
		assertThat(Files.readAllLines(perClass.logFile()))
			.anySatisfy((line) -> assertThat(line).startsWith("{").contains("\"msg\":\"broker starting\""));
	}

	@DriftqServerTest
	static class SharedServer {

		static final List<DriftqServer> seen = new CopyOnWriteArrayList<>();

		SharedServer(DriftqServer server) {
			seen.add(server);
		}

		@BeforeAll
		static void beforeAll(DriftqServer server) {
			seen.add(server);
		}

		@BeforeEach
		void beforeEach(DriftqServer server) {
			seen.add(server);
		}

		@Test
		void first(DriftqServer server) {
			seen.add(server);
			assertThat(server.isRunning()).isTrue();
		}

		@Test
		void second(DriftqServer server) {
			seen.add(server);
			assertThat(server.isRunning()).isTrue();
		}

		@Nested
		class Inner {

			@Test
			void nested(DriftqServer server) {
				seen.add(server);
			}

		}

	}

	@DriftqServerTest(args = { "-log-format", "json" })
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	static class PerClassLifecycle {

		static final List<DriftqServer> seen = new CopyOnWriteArrayList<>();

		PerClassLifecycle(DriftqServer server) {
			// Resolved before any beforeAll callback under PER_CLASS
			seen.add(server);
			assertThat(server.isRunning()).isTrue();
		}

		@Test
		void test(DriftqServer server) {
			seen.add(server);
		}

	}

}
