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

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.driftq.idempotent.EffectKey;
import io.driftq.idempotent.EffectStatus;
import io.driftq.idempotent.EffectStore.ClaimResult;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.ExpiredClaimPolicy;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The effect contract on a fresh SQLite file.
 */
class SqliteEffectStoreTests extends EffectStoreContractTests {

	@TempDir
	static Path directory;

	/**
	 * Deferred transactions on the same file: a caller's transaction takes the write lock
	 * only when it writes.
	 */
	private BasicDataSource deferred;

	@Override
	protected DataSource createDataSource() {
		return SqliteDataSources.create(directory.resolve("effects.sqlite"), Duration.ofSeconds(10), 4);
	}

	@Override
	protected DataSource callerTransactionDataSource() {
		if (this.deferred == null) {
			this.deferred = deferredDataSource(directory.resolve("effects.sqlite"), Duration.ofSeconds(10));
		}
		return this.deferred;
	}

	@AfterAll
	void closeDeferred() throws Exception {
		if (this.deferred != null) {
			this.deferred.close();
		}
	}

	private static BasicDataSource deferredDataSource(Path file, Duration busyTimeout) {
		BasicDataSource dataSource = SqliteDataSources.create(file, busyTimeout, 4);
		dataSource.addConnectionProperty(SQLiteConfig.Pragma.TRANSACTION_MODE.pragmaName,
				SQLiteConfig.TransactionMode.DEFERRED.name());
		return dataSource;
	}

	@Test
	void anEffectInsideACallersImmediateTransactionOnTheStoresFileFailsAtOnceSayingWhy() {
		// the default SQLite DataSource begins transactions IMMEDIATE: the caller holds
		// the only write lock
		JdbcEffectStore store = new JdbcEffectStore(dataSource());
		EffectTemplate template = new EffectTemplate(store, JsonMapper.builder().build(), null, Duration.ofMinutes(5));
		AtomicInteger runs = new AtomicInteger();
		long started = System.nanoTime();
		new TransactionTemplate(new DataSourceTransactionManager(dataSource()))
			.executeWithoutResult((status) -> assertThatIllegalStateException()
				.isThrownBy(() -> template.execute("run-30", "charge", "k", "p", Integer.class,
						(context) -> runs.incrementAndGet()))
				.withMessageContaining("inside a transaction on the effect store's SQLite database")
				.withMessageContaining("BEGIN IMMEDIATE")
				.withMessageContaining("driftq.effects.jdbc.url"));
		// no busy wait (the busy timeout is 10 s)
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(runs).hasValue(0);
		assertThat(store.find("run-30:charge:k")).isEmpty();
		assertThat(store.getBusyRetries()).isZero();
	}

	@Test
	void anEffectInsideACallersDeferredTransactionThatHasWrittenFailsSayingWhy() throws Exception {
		try (BasicDataSource caller = deferredDataSource(directory.resolve("effects.sqlite"), Duration.ofMillis(200))) {
			JdbcEffectStore store = new JdbcEffectStore(caller);
			EffectTemplate template = new EffectTemplate(store, JsonMapper.builder().build(), null,
					Duration.ofMinutes(5));
			AtomicInteger runs = new AtomicInteger();
			new TransactionTemplate(new DataSourceTransactionManager(caller)).executeWithoutResult((status) -> {
				new JdbcTemplate(caller).update("INSERT INTO ledger (entry_id, amount) VALUES ('caller-31', 1)");
				assertThatIllegalStateException()
					.isThrownBy(() -> template.execute("run-31", "charge", "k", "p", Integer.class,
							(context) -> runs.incrementAndGet()))
					.withMessageContaining("inside a transaction on the effect store's SQLite database")
					.withMessageContaining("has written, so it holds the lock");
				status.setRollbackOnly();
			});
			assertThat(runs).hasValue(0);
			assertThat(store.find("run-31:charge:k")).isEmpty();
			// not retried: waiting could not help, the writer is this thread
			assertThat(store.getBusyRetries()).isZero();
		}
	}

	@Test
	void aWriteThatFindsTheFileLockedIsRetriedUntilTheOtherWriterCommits() throws Exception {
		Path file = directory.resolve("busy.sqlite");
		// a short busy timeout, so that the claim meets SQLITE_BUSY while the other
		// connection holds the lock
		try (BasicDataSource effects = SqliteDataSources.create(file, Duration.ofMillis(100), 2);
				Connection other = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
			JdbcEffectStore store = new JdbcEffectStore(effects);
			store.initializeSchema();
			try (Statement statement = other.createStatement()) {
				statement.execute("BEGIN IMMEDIATE"); // the write lock, until COMMIT
			}
			ExecutorService executor = Executors.newSingleThreadExecutor();
			try {
				Future<ClaimResult> claim = executor.submit(() -> store.claim(EffectKey.of("run-32", "step", "k"),
						"hash", Duration.ofMinutes(1), ExpiredClaimPolicy.RERUN));
				await().atMost(Duration.ofSeconds(20)).until(() -> store.getBusyRetries() >= 1);
				try (Statement statement = other.createStatement()) {
					statement.execute("COMMIT");
				}
				assertThat(claim.get(30, TimeUnit.SECONDS).kind()).isEqualTo(ClaimResult.Kind.ACQUIRED);
			}
			finally {
				executor.shutdownNow();
			}
			assertThat(store.find("run-32:step:k").orElseThrow().status()).isEqualTo(EffectStatus.CLAIMED);
		}
	}

	@Test
	void twoStoresOnOneFileWriteConcurrentlyWithoutBusyErrors() throws Exception {
		Path file = directory.resolve("shared.sqlite");
		try (BasicDataSource first = SqliteDataSources.create(file, Duration.ofSeconds(10), 4);
				BasicDataSource second = SqliteDataSources.create(file, Duration.ofSeconds(10), 4)) {
			JdbcEffectStore a = new JdbcEffectStore(first);
			JdbcEffectStore b = new JdbcEffectStore(second);
			a.initializeSchema();
			ExecutorService executor = Executors.newFixedThreadPool(16);
			CountDownLatch start = new CountDownLatch(1);
			try {
				List<Future<Boolean>> futures = new ArrayList<>();
				for (int i = 0; i < 200; i++) {
					JdbcEffectStore store = (i % 2 == 0) ? a : b;
					EffectKey key = EffectKey.of("run", "step", "key-" + (i / 2));
					futures.add(executor.submit(() -> {
						start.await();
						ClaimResult claim = store.claim(key, "hash", Duration.ofMinutes(1), ExpiredClaimPolicy.RERUN);
						if (claim.acquired()) {
							store.succeed(key.effectId(), claim.fencingToken(), "1");
							return true;
						}
						return false;
					}));
				}
				start.countDown();
				int acquired = 0;
				for (Future<Boolean> future : futures) {
					acquired += future.get(60, TimeUnit.SECONDS) ? 1 : 0;
				}
				assertThat(acquired).isEqualTo(100);
			}
			finally {
				executor.shutdownNow();
			}
			assertThat(a.findByStatus(EffectStatus.SUCCEEDED, 1000)).hasSize(100);
		}
	}

}
