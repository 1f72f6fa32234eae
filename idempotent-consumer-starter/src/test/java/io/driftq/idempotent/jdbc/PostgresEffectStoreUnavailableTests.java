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

package io.driftq.idempotent.jdbc;

import java.net.URI;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.driftq.idempotent.EffectDefinition;
import io.driftq.idempotent.EffectStoreUnavailableException;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.autoconfigure.IdempotentEffectAutoConfiguration;
import io.driftq.idempotent.jdbc.PostgresEffectStoreTests.PostgresSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The effect store's PostgreSQL cannot be reached during a claim (a real server behind a
 * TCP forwarder that the test cuts, or a pool with no free connection): the claim fails
 * fast with {@link EffectStoreUnavailableException}, the effect does not run, and it runs
 * once the database is back.
 */
class PostgresEffectStoreUnavailableTests {

	private PostgresSchema schema;

	private TcpProxy proxy;

	@BeforeEach
	void setUp() throws Exception {
		this.schema = PostgresSchema.create("unavailable");
		URI server = URI.create(this.schema.baseUrl().substring("jdbc:".length()));
		this.proxy = new TcpProxy(server.getHost(), (server.getPort() > 0) ? server.getPort() : 5432).start();
	}

	@AfterEach
	void tearDown() {
		if (this.proxy != null) {
			this.proxy.close();
		}
		if (this.schema != null) {
			this.schema.drop();
		}
	}

	private ApplicationContextRunner runner() {
		URI server = URI.create(this.schema.baseUrl().substring("jdbc:".length()));
		String url = "jdbc:postgresql://127.0.0.1:" + this.proxy.port() + server.getPath() + "?currentSchema="
				+ this.schema.name();
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(IdempotentEffectAutoConfiguration.class))
			.withPropertyValues("driftq.effects.jdbc.url=" + url, "driftq.effects.jdbc.username=" + this.schema.user(),
					"driftq.effects.jdbc.password=" + this.schema.password(),
					"driftq.effects.jdbc.initialize-schema=always");
	}

	@Test
	void aDatabaseThatCannotBeReachedFailsTheClaimFastAndTheEffectDoesNotRun() {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			EffectTemplate template = context.getBean(EffectTemplate.class);
			AtomicInteger runs = new AtomicInteger();
			assertThat(template.execute(EffectDefinition.of("run-1", "charge", "order-0"), "order-0", String.class,
					(effect) -> "charged"))
				.isEqualTo("charged");
			this.proxy.stop();
			EffectDefinition charge = EffectDefinition.of("run-1", "charge", "order-1");
			long started = System.nanoTime();
			assertThatExceptionOfType(EffectStoreUnavailableException.class)
				.isThrownBy(() -> template.execute(charge, "order-1", String.class, (effect) -> {
					runs.incrementAndGet();
					return "charged";
				}))
				.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(5)))
				.satisfies((ex) -> assertThat(ex.getEffectId()).isEqualTo(charge.key().effectId()))
				.withMessageContaining("did not run");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
			assertThat(runs).hasValue(0);
			this.proxy.start();
			await().atMost(Duration.ofSeconds(30))
				.ignoreException(EffectStoreUnavailableException.class)
				.until(() -> template.execute(charge, "order-1", String.class, (effect) -> {
					runs.incrementAndGet();
					return "charged";
				}), "charged"::equals);
			assertThat(runs).hasValue(1);
		});
	}

	/**
	 * Issue 14: a worker started while its database is down starts (no crash loop) and
	 * waits: effects fail with "not yet" until the database answers, then the schema is
	 * created and the effect runs once.
	 */
	@Test
	void aDatabaseDownAtStartupLetsTheApplicationStartAndEffectsWaitForIt() {
		this.proxy.stop();
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			EffectTemplate template = context.getBean(EffectTemplate.class);
			AtomicInteger runs = new AtomicInteger();
			EffectDefinition charge = EffectDefinition.of("run-1", "charge", "order-down-at-start");
			assertThatExceptionOfType(EffectStoreUnavailableException.class)
				.isThrownBy(() -> template.execute(charge, "order", String.class, (effect) -> {
					runs.incrementAndGet();
					return "charged";
				}))
				.withMessageContaining("did not run");
			assertThat(runs).hasValue(0);
			this.proxy.start();
			await().atMost(Duration.ofSeconds(30))
				.ignoreException(EffectStoreUnavailableException.class)
				.until(() -> template.execute(charge, "order", String.class, (effect) -> {
					runs.incrementAndGet();
					return "charged";
				}), "charged"::equals);
			assertThat(runs).hasValue(1);
			assertThat(template.execute(charge, "order", String.class, (effect) -> {
				runs.incrementAndGet();
				return "charged again";
			})).isEqualTo("charged");
			assertThat(runs).hasValue(1);
		});
	}

	@Test
	void aPoolWithoutAFreeConnectionFailsTheClaimWithinTheConnectionTimeoutNotThirtySeconds() {
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			EffectTemplate template = context.getBean(EffectTemplate.class);
			DataSource pool = ((JdbcEffectStore) context.getBean(io.driftq.idempotent.EffectStore.class))
				.getDataSource();
			List<Connection> held = new ArrayList<>();
			try {
				// the starter's pool for driftq.effects.jdbc.url has Hikari's default
				// size, 10
				for (int i = 0; i < 10; i++) {
					held.add(pool.getConnection());
				}
				AtomicInteger runs = new AtomicInteger();
				long started = System.nanoTime();
				assertThatExceptionOfType(EffectStoreUnavailableException.class)
					.isThrownBy(() -> template.execute(EffectDefinition.of("run-2", "charge", "order-1"), "order-1",
							String.class, (effect) -> "charged " + runs.incrementAndGet()));
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
				assertThat(runs).hasValue(0);
			}
			finally {
				for (Connection connection : held) {
					connection.close();
				}
			}
		});
	}

}
