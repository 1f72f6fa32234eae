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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.driftq.idempotent.EffectContext;
import io.driftq.idempotent.EffectDefinition;
import io.driftq.idempotent.EffectFailedException;
import io.driftq.idempotent.EffectInProgressException;
import io.driftq.idempotent.EffectKey;
import io.driftq.idempotent.EffectLeaseLostException;
import io.driftq.idempotent.EffectOutcome;
import io.driftq.idempotent.EffectOutcomeUnknownException;
import io.driftq.idempotent.EffectPayloadMismatchException;
import io.driftq.idempotent.EffectReconciler;
import io.driftq.idempotent.EffectRecord;
import io.driftq.idempotent.EffectStatus;
import io.driftq.idempotent.EffectStore.ClaimResult;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.ExpiredClaimPolicy;
import io.driftq.idempotent.IdempotentEffect;
import io.driftq.idempotent.LeaseRenewal;
import io.driftq.idempotent.Reconciliation;
import io.driftq.idempotent.aop.IdempotentEffectAspect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The effect semantics, run against a real database by each subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EffectStoreContractTests {

	private DataSource dataSource;

	private JdbcEffectStore store;

	private final List<String> events = Collections.synchronizedList(new ArrayList<>());

	private Payments payments;

	private Payments proxy;

	private EffectTemplate template;

	protected abstract DataSource createDataSource() throws Exception;

	protected DataSource dataSource() {
		return this.dataSource;
	}

	protected void dropDatabase() throws Exception {
	}

	/**
	 * The DataSource a caller's transaction runs on, for the tests of effects called
	 * inside one; the effect store of those tests uses it too, so that the caller's
	 * transaction is on the store's DataSource.
	 * @return the DataSource (by default the one of the other tests)
	 */
	protected DataSource callerTransactionDataSource() {
		return this.dataSource;
	}

	@BeforeAll
	void setUpDatabase() throws Exception {
		this.dataSource = createDataSource();
		this.store = new JdbcEffectStore(this.dataSource);
		this.store.initializeSchema();
		this.store.verifySchema();
		new JdbcTemplate(this.dataSource)
			.execute("CREATE TABLE IF NOT EXISTS ledger (entry_id VARCHAR(200) PRIMARY KEY, amount INTEGER NOT NULL)");
	}

	@AfterAll
	void tearDownDatabase() throws Exception {
		if (this.dataSource == null) {
			return;
		}
		if (this.dataSource instanceof AutoCloseable closeable) {
			closeable.close();
		}
		dropDatabase();
	}

	@BeforeEach
	void setUp() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.update("DELETE FROM driftq_effect");
		jdbc.update("DELETE FROM driftq_effect_archive");
		jdbc.update("DELETE FROM ledger");
		this.events.clear();
		this.template = new EffectTemplate(this.store, JsonMapper.builder().build(),
				(event, step) -> this.events.add(event), Duration.ofMinutes(5));
		this.payments = new Payments(this.dataSource);
		AspectJProxyFactory factory = new AspectJProxyFactory(this.payments);
		factory.setProxyTargetClass(true);
		factory.addAspect(new IdempotentEffectAspect(this.template));
		this.proxy = factory.getProxy();
	}

	@Test
	void racingThreadsRunTheEffectOnce() throws Exception {
		Command cmd = new Command("run-1", "order-1", 100);
		int threads = 32;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		ConcurrentLinkedQueue<Receipt> receipts = new ConcurrentLinkedQueue<>();
		AtomicInteger inProgress = new AtomicInteger();
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				futures.add(executor.submit(() -> {
					start.await();
					try {
						receipts.add(this.proxy.charge(cmd));
					}
					catch (EffectInProgressException ex) {
						inProgress.incrementAndGet();
					}
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
		assertThat(this.payments.charges).hasValue(1);
		assertThat(receipts.size() + inProgress.get()).isEqualTo(threads);
		assertThat(receipts).isNotEmpty().allSatisfy((receipt) -> assertThat(receipt).isEqualTo(receipts.peek()));
		assertThat(this.proxy.charge(cmd)).isEqualTo(receipts.peek());
		assertThat(this.payments.charges).hasValue(1);
		assertThat(this.store.find("run-1:charge_card:order-1")).get()
			.extracting(EffectRecord::status)
			.isEqualTo(EffectStatus.SUCCEEDED);
	}

	@Test
	void duplicateReplaysTheStoredTypedResult() {
		Command cmd = new Command("run-2", "order-2", 250);
		Receipt first = this.proxy.charge(cmd);
		assertThat(first).isEqualTo(new Receipt("order-2", 250, "run-2:charge_card:order-2", 1, false));
		Object replayed = this.proxy.charge(cmd);
		assertThat(replayed).isInstanceOf(Receipt.class).isEqualTo(first);
		List<Receipt> list = this.proxy.receipts("run-2", "batch");
		List<Receipt> replayedList = this.proxy.receipts("run-2", "batch");
		assertThat(replayedList).hasSize(2).isEqualTo(list);
		assertThat(replayedList.get(0)).isInstanceOf(Receipt.class);
		assertThat(this.payments.charges).hasValue(2);
		assertThat(this.events).contains("claimed", "executed", "replayed");
	}

	@Test
	void duplicateOfALiveClaimIsInProgress() throws Exception {
		Command cmd = new Command("run-3", "order-3", 1);
		this.payments.block();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<Receipt> first = executor.submit(() -> this.proxy.blocking(cmd));
			assertThat(this.payments.entered.await(30, TimeUnit.SECONDS)).isTrue();
			assertThatExceptionOfType(EffectInProgressException.class).isThrownBy(() -> this.proxy.blocking(cmd))
				.withMessageContaining("run-3:blocking:order-3");
			this.payments.release.countDown();
			Receipt receipt = first.get(30, TimeUnit.SECONDS);
			assertThat(this.proxy.blocking(cmd)).isEqualTo(receipt);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.payments.charges).hasValue(1);
		assertThat(this.events).contains("in_progress");
	}

	@Test
	void expiredLeaseIsTakenOverAndTheZombieCompletionIsRejected() throws Exception {
		Command cmd = new Command("run-4", "order-4", 7);
		String id = "run-4:short_lease:order-4";
		this.payments.block();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<Receipt> zombie = executor.submit(() -> this.proxy.shortLease(cmd));
			assertThat(this.payments.entered.await(30, TimeUnit.SECONDS)).isTrue();
			await().atMost(Duration.ofSeconds(20)).until(() -> this.store.find(id).orElseThrow().leaseExpired());
			Receipt takeover = this.proxy.shortLease(cmd);
			assertThat(takeover.attempt()).isEqualTo(2);
			assertThat(takeover.takenOver()).isTrue();
			assertThat(takeover.idempotencyKey()).isEqualTo(id);
			this.payments.release.countDown();
			assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
				.isThrownBy(() -> zombie.get(30, TimeUnit.SECONDS))
				.withCauseInstanceOf(EffectLeaseLostException.class);
			assertThat(this.proxy.shortLease(cmd)).isEqualTo(takeover);
		}
		finally {
			executor.shutdownNow();
		}
		EffectRecord row = this.store.find(id).orElseThrow();
		assertThat(row.status()).isEqualTo(EffectStatus.SUCCEEDED);
		assertThat(row.fencingToken()).isEqualTo(2);
		assertThat(row.attempts()).isEqualTo(2);
		assertThat(this.payments.charges).hasValue(2);
		assertThat(this.events).contains("lease_taken_over", "lease_lost");
	}

	@Test
	void staleFencingTokenCannotCompleteOrReleaseALiveTakeover() {
		EffectKey key = EffectKey.of("run-15", "fence", "k");
		String id = key.effectId();
		ClaimResult first = this.store.claim(key, "h", Duration.ofMillis(500), ExpiredClaimPolicy.RERUN);
		assertThat(first.kind()).isEqualTo(ClaimResult.Kind.ACQUIRED);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.store.find(id).orElseThrow().leaseExpired());
		ClaimResult second = this.store.claim(key, "h", Duration.ofMinutes(1), ExpiredClaimPolicy.RERUN);
		assertThat(second.kind()).isEqualTo(ClaimResult.Kind.TAKEN_OVER);
		assertThat(second.fencingToken()).isGreaterThan(first.fencingToken());
		assertThatExceptionOfType(EffectLeaseLostException.class)
			.isThrownBy(() -> this.store.succeed(id, first.fencingToken(), "1"));
		assertThatExceptionOfType(EffectLeaseLostException.class)
			.isThrownBy(() -> this.store.fail(id, first.fencingToken(), "late"));
		assertThat(this.store.release(id, first.fencingToken())).isFalse();
		assertThat(this.store.claim(key, "h", Duration.ofMinutes(1), ExpiredClaimPolicy.RERUN).kind())
			.isEqualTo(ClaimResult.Kind.IN_PROGRESS);
		this.store.succeed(id, second.fencingToken(), "2");
		EffectRecord row = this.store.find(id).orElseThrow();
		assertThat(row.status()).isEqualTo(EffectStatus.SUCCEEDED);
		assertThat(row.result()).isEqualTo("2");
	}

	@Test
	void expiredClaimWithMarkUnknownParksTheEffect() {
		Command cmd = new Command("run-5", "order-5", 9);
		String id = "run-5:park:order-5";
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.proxy.park(cmd, new IllegalStateException("gateway timeout")));
		assertThatExceptionOfType(EffectInProgressException.class).isThrownBy(() -> this.proxy.park(cmd, null));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.store.find(id).orElseThrow().leaseExpired());
		assertThatExceptionOfType(EffectOutcomeUnknownException.class).isThrownBy(() -> this.proxy.park(cmd, null));
		assertThatExceptionOfType(EffectOutcomeUnknownException.class).isThrownBy(() -> this.proxy.park(cmd, null));
		assertThat(this.store.find(id).orElseThrow().status()).isEqualTo(EffectStatus.UNKNOWN);
		assertThat(this.payments.charges).hasValue(1);
		assertThat(this.store.resolveSucceeded(id, "null")).isTrue();
		assertThat(this.proxy.park(cmd, null)).isNull();
		assertThat(this.payments.charges).hasValue(1);
	}

	@Test
	void expiredClaimWithReconcileAsksTheReconcilerAndFollowsItsVerdict() {
		List<EffectReconciler.ExpiredEffect> asked = new CopyOnWriteArrayList<>();
		EffectTemplate reconciling = new EffectTemplate(this.store, JsonMapper.builder().build(),
				(event, step) -> this.events.add(event), Duration.ofMinutes(5));
		reconciling.setReconcilers(List.of((effect) -> {
			asked.add(effect);
			return switch (effect.businessKey()) {
				case "happened" ->
					Reconciliation.happened(new Receipt("provider-charge", 1, effect.idempotencyKey(), 0, false));
				case "unknown" -> Reconciliation.unknown("provider does not answer");
				default -> Reconciliation.notHappened();
			};
		}));
		AtomicInteger runs = new AtomicInteger();
		for (String businessKey : List.of("happened", "not-happened", "unknown")) {
			EffectDefinition definition = EffectDefinition.of("run-20", "reconcile", businessKey)
				.withLease(Duration.ofMillis(300))
				.withOnExpiredClaim(ExpiredClaimPolicy.RECONCILE);
			// an attempt that dies between claim and completion: an ambiguous failure
			// keeps the claim
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> reconciling.execute(definition, "p", Receipt.class, (context) -> {
					throw new IllegalStateException("read timeout");
				}));
			String id = definition.key().effectId();
			await().atMost(Duration.ofSeconds(20)).until(() -> this.store.find(id).orElseThrow().leaseExpired());
			EffectDefinition next = definition.withLease(Duration.ofMinutes(1));
			switch (businessKey) {
				case "happened" -> {
					Receipt receipt = reconciling.execute(next, "p", Receipt.class, (context) -> {
						runs.incrementAndGet();
						return null;
					});
					assertThat(receipt.businessKey()).isEqualTo("provider-charge");
					assertThat(this.store.find(id).orElseThrow().status()).isEqualTo(EffectStatus.SUCCEEDED);
					assertThat(reconciling.execute(next, "p", Receipt.class, (context) -> null)).isEqualTo(receipt);
				}
				case "not-happened" -> {
					Receipt receipt = reconciling.execute(next, "p", Receipt.class, (context) -> {
						runs.incrementAndGet();
						return new Receipt("rerun", 0, context.idempotencyKey(), context.attempt(),
								context.takenOver());
					});
					assertThat(receipt.takenOver()).isTrue();
					assertThat(receipt.idempotencyKey()).isEqualTo(id);
					assertThat(this.store.find(id).orElseThrow().status()).isEqualTo(EffectStatus.SUCCEEDED);
				}
				default -> {
					assertThatExceptionOfType(EffectOutcomeUnknownException.class)
						.isThrownBy(() -> reconciling.execute(next, "p", Receipt.class, (context) -> {
							runs.incrementAndGet();
							return null;
						}))
						.withMessageContaining("provider does not answer");
					EffectRecord row = this.store.find(id).orElseThrow();
					assertThat(row.status()).isEqualTo(EffectStatus.UNKNOWN);
					assertThat(row.error()).contains("provider does not answer");
				}
			}
		}
		assertThat(runs).hasValue(1);
		assertThat(asked).extracting(EffectReconciler.ExpiredEffect::businessKey)
			.containsExactly("happened", "not-happened", "unknown");
		assertThat(asked).allSatisfy((effect) -> assertThat(effect.attempts()).isEqualTo(2));
		assertThat(this.events).contains("reconciled", "unknown");
	}

	@Test
	void reconcilePolicyWithoutAReconcilerFailsNamingTheStep() {
		EffectDefinition definition = EffectDefinition.of("run-21", "unreconciled", "k")
			.withLease(Duration.ofMillis(300))
			.withOnExpiredClaim(ExpiredClaimPolicy.RECONCILE);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.template.execute(definition, "p", String.class, (context) -> {
				throw new IllegalStateException("read timeout");
			}));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.store.find(definition.key().effectId()).orElseThrow().leaseExpired());
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.template.execute(definition, "p", String.class, (context) -> "ran"))
			.withMessageContaining("no EffectReconciler bean supports step 'unreconciled'");
	}

	@Test
	void aRunningEffectKeepsItsClaimPastItsLeaseWhileItsLeaseIsRenewed() throws Exception {
		try (LeaseRenewal renewal = LeaseRenewal.create(Duration.ofMinutes(1))) {
			this.template.setLeaseRenewal(renewal);
			EffectDefinition definition = EffectDefinition.of("run-22", "long_effect", "k")
				.withLease(Duration.ofMillis(600));
			String id = definition.key().effectId();
			CountDownLatch entered = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			ExecutorService executor = Executors.newSingleThreadExecutor();
			try {
				Future<String> running = executor
					.submit(() -> this.template.execute(definition, "p", String.class, (context) -> {
						entered.countDown();
						release.await(60, TimeUnit.SECONDS);
						return "done";
					}));
				assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
				long firstLeaseEnd = this.store.find(id).orElseThrow().leaseUntil();
				// renewed at least twice: the row's lease now ends well past where the
				// first lease ended
				await().atMost(Duration.ofSeconds(20))
					.until(() -> this.store.find(id).orElseThrow().leaseUntil() > firstLeaseEnd + 600);
				assertThat(this.store.find(id).orElseThrow().leaseExpired()).isFalse();
				assertThatExceptionOfType(EffectInProgressException.class)
					.isThrownBy(() -> this.template.execute(definition, "p", String.class, (context) -> "duplicate"));
				release.countDown();
				assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo("done");
			}
			finally {
				release.countDown();
				executor.shutdownNow();
			}
			assertThat(this.store.find(id).orElseThrow().status()).isEqualTo(EffectStatus.SUCCEEDED);
			assertThat(this.events).doesNotContain("lease_taken_over", "lease_lost");
		}
	}

	@Test
	void aDuplicateWaitsForALiveClaimWhenItMayAndGetsTheResult() throws Exception {
		EffectDefinition definition = EffectDefinition.of("run-23", "waited", "k")
			.withInProgressWait(Duration.ofSeconds(30));
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger runs = new AtomicInteger();
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			Future<String> first = executor
				.submit(() -> this.template.execute(definition, "p", String.class, (context) -> {
					runs.incrementAndGet();
					entered.countDown();
					release.await(60, TimeUnit.SECONDS);
					return "charged";
				}));
			assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
			CountDownLatch duplicateCalled = new CountDownLatch(1);
			Future<String> duplicate = executor.submit(() -> {
				duplicateCalled.countDown();
				return this.template.execute(definition, "p", String.class, (context) -> {
					runs.incrementAndGet();
					return "charged twice";
				});
			});
			assertThat(duplicateCalled.await(30, TimeUnit.SECONDS)).isTrue();
			// the duplicate keeps waiting while the claim is held: without the wait it is
			// rejected within milliseconds
			await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5)).until(() -> !duplicate.isDone());
			assertThat(this.events).doesNotContain("in_progress");
			release.countDown();
			assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("charged");
			assertThat(duplicate.get(30, TimeUnit.SECONDS)).isEqualTo("charged");
		}
		finally {
			release.countDown();
			executor.shutdownNow();
		}
		assertThat(runs).hasValue(1);
		EffectDefinition noWait = EffectDefinition.of("run-23", "unwaited", "k");
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(1);
		Thread holder = new Thread(() -> this.template.execute(noWait, "p", String.class, (context) -> {
			held.countDown();
			done.await(60, TimeUnit.SECONDS);
			return "x";
		}));
		holder.start();
		try {
			assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
			assertThatExceptionOfType(EffectInProgressException.class)
				.isThrownBy(() -> this.template.execute(noWait, "p", String.class, (context) -> "y"));
		}
		finally {
			done.countDown();
			holder.join(30_000);
		}
	}

	@Test
	void resultsNotStoredOrTooLargeAreReplayedAsNullWithoutRunningTheEffectAgain() {
		AtomicInteger runs = new AtomicInteger();
		EffectDefinition secret = EffectDefinition.of("run-24", "secret", "k").withStoreResult(false);
		assertThat(this.template.execute(secret, "p", String.class, (context) -> "token-" + runs.incrementAndGet()))
			.isEqualTo("token-1");
		assertThat(this.store.find(secret.key().effectId()).orElseThrow().result()).isNull();
		assertThat(this.template.execute(secret, "p", String.class, (context) -> "token-" + runs.incrementAndGet()))
			.isNull();

		this.template.setMaxResultSize(10);
		EffectDefinition large = EffectDefinition.of("run-24", "large", "k");
		assertThat(
				this.template.execute(large, "p", String.class, (context) -> "x".repeat(runs.incrementAndGet() * 20)))
			.hasSize(40);
		EffectRecord row = this.store.find(large.key().effectId()).orElseThrow();
		assertThat(row.status()).isEqualTo(EffectStatus.SUCCEEDED);
		assertThat(row.result()).isNull();
		assertThat(this.template.execute(large, "p", String.class, (context) -> "again")).isNull();
		assertThat(runs).hasValue(2);
	}

	@Test
	void aTableWithoutItsPrimaryKeyFailsTheSchemaCheck() throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.execute("ALTER TABLE driftq_effect RENAME TO driftq_effect_kept");
		try {
			jdbc.execute("CREATE TABLE driftq_effect AS SELECT * FROM driftq_effect_kept WHERE 1 = 0");
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.store::verifySchema)
				.withMessageContaining("no primary key on effect_id");
		}
		finally {
			jdbc.execute("DROP TABLE IF EXISTS driftq_effect");
			jdbc.execute("ALTER TABLE driftq_effect_kept RENAME TO driftq_effect");
		}
		this.store.verifySchema();
	}

	@Test
	void sameKeyWithAnotherPayloadIsRejected() {
		this.proxy.charge(new Command("run-6", "order-6", 10));
		assertThatExceptionOfType(EffectPayloadMismatchException.class)
			.isThrownBy(() -> this.proxy.charge(new Command("run-6", "order-6", 11)));
		assertThat(this.payments.charges).hasValue(1);
	}

	@Test
	void terminalFailureIsStoredAndReplayed() {
		Command cmd = new Command("run-7", "order-7", 1);
		assertThatExceptionOfType(CardRejected.class)
			.isThrownBy(() -> this.proxy.flaky(cmd, new CardRejected("insufficient funds")));
		assertThatExceptionOfType(EffectFailedException.class).isThrownBy(() -> this.proxy.flaky(cmd, null))
			.withMessageContaining("insufficient funds");
		assertThat(this.store.find("run-7:flaky:order-7").orElseThrow().status()).isEqualTo(EffectStatus.FAILED);
		assertThat(this.payments.charges).hasValue(1);
	}

	@Test
	void noEffectFailureReleasesTheClaim() {
		Command cmd = new Command("run-8", "order-8", 1);
		assertThatExceptionOfType(NotSent.class)
			.isThrownBy(() -> this.proxy.flaky(cmd, new NotSent("connect refused")));
		Receipt receipt = this.proxy.flaky(cmd, null);
		assertThat(receipt.attempt()).isEqualTo(2);
		assertThat(receipt.takenOver()).isFalse();
		assertThat(this.payments.charges).hasValue(2);
	}

	@Test
	void ambiguousFailureKeepsTheClaimUntilItsLeaseExpires() {
		Command cmd = new Command("run-9", "order-9", 1);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.proxy.flaky(cmd, new IllegalStateException("read timeout")));
		assertThatExceptionOfType(EffectInProgressException.class).isThrownBy(() -> this.proxy.flaky(cmd, null));
		EffectRecord row = this.store.find("run-9:flaky:order-9").orElseThrow();
		assertThat(row.status()).isEqualTo(EffectStatus.CLAIMED);
		assertThat(row.leaseExpired()).isFalse();
		assertThat(this.payments.charges).hasValue(1);
	}

	@Test
	void badKeysAreRejectedBeforeAnyClaim() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.proxy.charge(new Command(" ", "k", 1)))
			.withMessageContaining("'run'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.proxy.charge(new Command("r", null, 1)))
			.withMessageContaining("'businessKey'");
		assertThat(this.payments.charges).hasValue(0);
		String longKey = "sku-".repeat(200);
		Receipt receipt = this.proxy.charge(new Command("run-10", longKey, 1));
		assertThat(receipt.idempotencyKey()).hasSize(EffectKey.MAX_LENGTH);
		assertThat(this.proxy.charge(new Command("run-10", longKey, 1))).isEqualTo(receipt);
		assertThat(this.payments.charges).hasValue(1);
	}

	@Test
	void localEffectCommitsWithItsRowOrNotAtAll() {
		Command cmd = new Command("run-11", "entry-1", 42);
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.proxy.bookLocally(cmd, true));
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger", Integer.class)).isZero();
		EffectRecord released = this.store.find("run-11:book:entry-1").orElseThrow();
		assertThat(released.status()).isEqualTo(EffectStatus.CLAIMED);
		assertThat(released.leaseUntil()).isNull();
		assertThat(this.proxy.bookLocally(cmd, false)).isEqualTo(42);
		assertThat(this.proxy.bookLocally(cmd, false)).isEqualTo(42);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger", Integer.class)).isOne();
		assertThat(this.store.find("run-11:book:entry-1").orElseThrow().status()).isEqualTo(EffectStatus.SUCCEEDED);
	}

	@Test
	void retentionDeletesOnlyCompletedEffects() {
		// the reaper's index, created when retention is configured (twice: it must be
		// idempotent)
		this.store.createRetentionIndex();
		this.store.createRetentionIndex();
		for (int i = 0; i < 3; i++) {
			this.proxy.charge(new Command("run-12", "order-" + i, i));
		}
		Command failed = new Command("run-12", "failed", 1);
		assertThatExceptionOfType(CardRejected.class)
			.isThrownBy(() -> this.proxy.flaky(failed, new CardRejected("no")));
		Command stuck = new Command("run-12", "stuck", 1);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.proxy.flaky(stuck, new IllegalStateException("timeout")));
		EffectKey parked = EffectKey.of("run-12", "parked", "u");
		ClaimResult claim = this.store.claim(parked, "h", Duration.ofMinutes(5), ExpiredClaimPolicy.RERUN);
		this.store.markUnknown(parked.effectId(), claim.fencingToken(), "reconciler could not tell");
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			this.store.deleteCompletedOlderThan(Duration.ZERO, 2);
			// CLAIMED and UNKNOWN rows are as old as the others, and survive
			assertThat(jdbc.queryForList("SELECT status FROM driftq_effect ORDER BY status", String.class))
				.containsExactly("CLAIMED", "UNKNOWN");
		});
		assertThat(this.store.deleteCompletedOlderThan(Duration.ZERO, 2)).isZero();
		assertThat(this.store.find(stuck.runId() + ":flaky:stuck")).get()
			.extracting(EffectRecord::status)
			.isEqualTo(EffectStatus.CLAIMED);
		assertThat(this.store.find(parked.effectId()).orElseThrow().error()).isEqualTo("reconciler could not tell");
		assertThat(this.store.deleteCompletedOlderThan(Duration.ofDays(1), 2)).isZero();
	}

	@Test
	void archiveMovesOnlyExpiredFinishedEffectsBatchByBatch() {
		this.store.createRetentionIndex();
		for (int i = 0; i < 5; i++) {
			this.proxy.charge(new Command("run-30", "order-" + i, i));
		}
		assertThatExceptionOfType(CardRejected.class)
			.isThrownBy(() -> this.proxy.flaky(new Command("run-30", "failed", 1), new CardRejected("no")));
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(
				() -> this.proxy.flaky(new Command("run-30", "stuck", 1), new IllegalStateException("timeout")));
		EffectKey unknown = EffectKey.of("run-30", "parked", "u");
		ClaimResult claim = this.store.claim(unknown, "h", Duration.ofMinutes(5), ExpiredClaimPolicy.RERUN);
		this.store.markUnknown(unknown.effectId(), claim.fencingToken(), "reconciler could not tell");
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		String columns = "effect_id, run_id, step_id, business_key, status, fencing_token, lease_until, attempts, "
				+ "payload_hash, result, error, created_at, updated_at";
		List<java.util.Map<String, Object>> finished = jdbc.queryForList(
				"SELECT " + columns + " FROM driftq_effect WHERE status IN ('SUCCEEDED', 'FAILED') ORDER BY effect_id");
		assertThat(finished).hasSize(6);
		// nothing is older than a day
		assertThat(this.store.archiveCompletedOlderThan(Duration.ofDays(1), 2)).isZero();
		AtomicInteger archived = new AtomicInteger();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			// batches of 2: a call goes on until a batch is not full
			archived.addAndGet(this.store.archiveCompletedOlderThan(Duration.ZERO, 2));
			assertThat(jdbc.queryForList("SELECT status FROM driftq_effect ORDER BY status", String.class))
				.containsExactly("CLAIMED", "UNKNOWN");
		});
		assertThat(archived).hasValue(6);
		// the same rows, column for column, each once, stamped on the database clock
		assertThat(jdbc.queryForList("SELECT " + columns + " FROM driftq_effect_archive ORDER BY effect_id"))
			.isEqualTo(finished);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM driftq_effect_archive WHERE archived_at < updated_at",
				Integer.class))
			.isZero();
		// an archived effect no longer deduplicates, exactly like a deleted one: the
		// duplicate runs it again
		int before = this.payments.charges.get();
		this.proxy.charge(new Command("run-30", "order-0", 0));
		assertThat(this.payments.charges).hasValue(before + 1);
		// and its new row is archived next to the old one
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			this.store.archiveCompletedOlderThan(Duration.ZERO, 2);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM driftq_effect_archive WHERE effect_id = ?",
					Integer.class, "run-30:charge_card:order-0"))
				.isEqualTo(2);
		});
	}

	@Test
	void twoReapersArchiveConcurrentlyWithoutLosingOrDuplicatingRows() throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		int rows = 600;
		for (int i = 0; i < rows; i++) {
			String status = (i % 10 == 0) ? "CLAIMED" : ((i % 10 == 1) ? "FAILED" : "SUCCEEDED");
			jdbc.update(
					"INSERT INTO driftq_effect (effect_id, run_id, step_id, business_key, status, fencing_token, "
							+ "lease_until, attempts, payload_hash, result, error, created_at, updated_at) "
							+ "VALUES (?, 'r', 's', ?, ?, 1, NULL, 1, 'h', '1', NULL, 1, 1)",
					"r:s:k" + i, "k" + i, status);
		}
		int finished = rows - rows / 10;
		// two stores: two nodes (on SQLite each with its own write lock, like two
		// processes on one file)
		JdbcEffectStore first = new JdbcEffectStore(this.dataSource);
		JdbcEffectStore second = new JdbcEffectStore(this.dataSource);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> reapers = new ArrayList<>();
			for (JdbcEffectStore reaper : List.of(first, second)) {
				reapers.add(executor.submit(() -> {
					start.await();
					int moved = 0;
					// several passes each, so that both reapers are busy during the whole
					// run
					for (int pass = 0; pass < 5; pass++) {
						moved += reaper.archiveCompletedOlderThan(Duration.ZERO, 7);
					}
					return moved;
				}));
			}
			start.countDown();
			int moved = 0;
			for (Future<Integer> reaper : reapers) {
				moved += reaper.get(120, TimeUnit.SECONDS);
			}
			assertThat(moved).isEqualTo(finished);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM driftq_effect_archive", Integer.class))
			.isEqualTo(finished);
		assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT effect_id) FROM driftq_effect_archive", Integer.class))
			.isEqualTo(finished);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM driftq_effect", Integer.class)).isEqualTo(rows / 10);
		assertThat(jdbc.queryForList("SELECT DISTINCT status FROM driftq_effect", String.class))
			.containsExactly("CLAIMED");
		// every row is in exactly one of the two tables
		assertThat(jdbc.queryForObject(
				"SELECT COUNT(*) FROM driftq_effect e JOIN driftq_effect_archive a " + "ON a.effect_id = e.effect_id",
				Integer.class))
			.isZero();
	}

	@Test
	void theArchiveCheckNamesTheTableAndTheProperty() {
		this.store.verifyArchiveSchema();
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.execute("ALTER TABLE driftq_effect_archive RENAME TO driftq_effect_archive_kept");
		try {
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.store::verifyArchiveSchema)
				.withMessageContaining("'driftq_effect_archive' is missing")
				.withMessageContaining("driftq.effects.retention.completion-mode=archive");
			// the effect table itself is still fine
			this.store.verifySchema();
		}
		finally {
			jdbc.execute("ALTER TABLE driftq_effect_archive_kept RENAME TO driftq_effect_archive");
		}
		this.store.verifyArchiveSchema();
	}

	@Test
	void templateReplaysTypedAndUntypedResults() {
		AtomicInteger runs = new AtomicInteger();
		Receipt receipt = this.template.execute("run-13", "mail", "m-1", "payload", Receipt.class,
				(context) -> new Receipt("m-1", runs.incrementAndGet(), context.idempotencyKey(), context.attempt(),
						false));
		assertThat(this.template.execute("run-13", "mail", "m-1", "payload", Receipt.class, (context) -> null))
			.isEqualTo(receipt);
		Object untyped = this.template.execute("run-13", "mail", "m-1", "payload", (context) -> null);
		assertThat(untyped).isInstanceOf(java.util.Map.class)
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("businessKey", "m-1")
			.containsEntry("idempotencyKey", "run-13:mail:m-1");
		assertThatExceptionOfType(EffectPayloadMismatchException.class).isThrownBy(() -> this.template.execute("run-13",
				"mail", "m-1", "other payload", Receipt.class, (context) -> null));
		assertThat(runs).hasValue(1);
	}

	@Test
	void voidEffectRunsOnce() {
		this.proxy.notify(new Command("run-14", "n-1", 1));
		this.proxy.notify(new Command("run-14", "n-1", 1));
		assertThat(this.payments.charges).hasValue(1);
	}

	@Test
	void theCallerIsToldWhetherTheResultWasReplayed() {
		Command cmd = new Command("run-20", "order-20", 5);
		String id = "run-20:charge_card:order-20";
		Receipt first = this.proxy.charge(cmd);
		EffectOutcome<?> ran = EffectOutcome.last().orElseThrow();
		assertThat(ran).isEqualTo(new EffectOutcome<>(first, false, id, id, 1));
		Receipt duplicate = this.proxy.charge(cmd);
		EffectOutcome<?> replayed = EffectOutcome.last().orElseThrow();
		assertThat(replayed.replayed()).isTrue();
		assertThat(replayed.result()).isInstanceOf(Receipt.class).isEqualTo(duplicate).isEqualTo(first);
		assertThat(replayed.attempt()).isEqualTo(1);
		assertThat(replayed.idempotencyKey()).isEqualTo(id);
		// a call that throws leaves no outcome behind (not the previous call's)
		assertThatIllegalArgumentException().isThrownBy(() -> this.proxy.charge(new Command(" ", "k", 1)));
		assertThat(EffectOutcome.last()).isEmpty();
		// the template returns the outcome directly
		AtomicInteger runs = new AtomicInteger();
		EffectOutcome<Receipt> fresh = this.template.executeForOutcome("run-20", "mail", "m-1", "p", Receipt.class,
				(context) -> new Receipt("m-1", runs.incrementAndGet(), context.idempotencyKey(), context.attempt(),
						context.takenOver()));
		assertThat(fresh.replayed()).isFalse();
		EffectOutcome<Receipt> again = this.template.executeForOutcome("run-20", "mail", "m-1", "p", Receipt.class,
				(context) -> new Receipt("m-1", runs.incrementAndGet(), "", 0, false));
		assertThat(again.replayed()).isTrue();
		assertThat(again.result()).isEqualTo(fresh.result());
		assertThat(again.effectId()).isEqualTo("run-20:mail:m-1");
		assertThat(runs).hasValue(1);
		assertThat(this.payments.charges).hasValue(1);
	}

	@Test
	void replayHooksSeeTheStoredRowAndMayReplaceTheResult() {
		List<EffectRecord> seen = new CopyOnWriteArrayList<>();
		this.template.setReplayHooks(List.of((effect, result) -> {
			seen.add(effect);
			Receipt receipt = (Receipt) result;
			return new Receipt(receipt.businessKey(), receipt.amount() * 10, receipt.idempotencyKey(),
					receipt.attempt(), receipt.takenOver());
		}, (effect, result) -> new Receipt("hooked", ((Receipt) result).amount(), "", 0, false)));
		Command cmd = new Command("run-21", "order-21", 3);
		Receipt first = this.proxy.charge(cmd);
		assertThat(first.amount()).isEqualTo(3);
		assertThat(seen).isEmpty();
		Receipt replayed = this.proxy.charge(cmd);
		assertThat(replayed).isEqualTo(new Receipt("hooked", 30, "", 0, false));
		assertThat(EffectOutcome.last().orElseThrow().result()).isEqualTo(replayed);
		assertThat(seen).singleElement().satisfies((effect) -> {
			assertThat(effect.effectId()).isEqualTo("run-21:charge_card:order-21");
			assertThat(effect.status()).isEqualTo(EffectStatus.SUCCEEDED);
		});
		assertThat(this.payments.charges).hasValue(1);
	}

	@Test
	void anEffectInsideACallersTransactionOnTheStoresDataSourceSurvivesItsRollback() {
		DataSource callerDataSource = callerTransactionDataSource();
		JdbcEffectStore callerStore = new JdbcEffectStore(callerDataSource);
		EffectTemplate callerTemplate = new EffectTemplate(callerStore, JsonMapper.builder().build(), null,
				Duration.ofMinutes(5));
		TransactionTemplate callerTransaction = new TransactionTemplate(
				new DataSourceTransactionManager(callerDataSource));
		JdbcTemplate callerJdbc = new JdbcTemplate(callerDataSource);
		AtomicInteger charges = new AtomicInteger();
		callerTransaction.executeWithoutResult((status) -> {
			Integer charged = callerTemplate.execute("run-22", "charge_card", "order-22", "p", Integer.class,
					(context) -> {
						// the claim is committed before the effect runs: another
						// connection sees it
						assertThat(committedStatus("run-22:charge_card:order-22")).isEqualTo("CLAIMED");
						return charges.incrementAndGet();
					});
			assertThat(charged).isEqualTo(1);
			callerJdbc.update("INSERT INTO ledger (entry_id, amount) VALUES ('caller-22', 1)");
			status.setRollbackOnly();
		});
		assertThat(callerJdbc.queryForObject("SELECT COUNT(*) FROM ledger", Integer.class)).isZero();
		assertThat(this.store.find("run-22:charge_card:order-22").orElseThrow().status())
			.isEqualTo(EffectStatus.SUCCEEDED);
		EffectOutcome<Integer> redelivery = callerTemplate.executeForOutcome("run-22", "charge_card", "order-22", "p",
				Integer.class, (context) -> charges.incrementAndGet());
		assertThat(redelivery.replayed()).isTrue();
		assertThat(redelivery.result()).isEqualTo(1);
		assertThat(charges).hasValue(1);
	}

	@Test
	void aLocalEffectInsideACallersTransactionCommitsItsWritesWithItsRowOnItsOwn() {
		DataSource callerDataSource = callerTransactionDataSource();
		EffectTemplate callerTemplate = new EffectTemplate(new JdbcEffectStore(callerDataSource),
				JsonMapper.builder().build(), null, Duration.ofMinutes(5));
		Payments callerPayments = new Payments(callerDataSource);
		AspectJProxyFactory factory = new AspectJProxyFactory(callerPayments);
		factory.setProxyTargetClass(true);
		factory.addAspect(new IdempotentEffectAspect(callerTemplate));
		Payments callerProxy = factory.getProxy();
		TransactionTemplate callerTransaction = new TransactionTemplate(
				new DataSourceTransactionManager(callerDataSource));
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		Command cmd = new Command("run-23", "entry-23", 9);
		callerTransaction.executeWithoutResult((status) -> {
			assertThat(callerProxy.bookLocally(cmd, false)).isEqualTo(9);
			status.setRollbackOnly();
		});
		// the caller rolled back; the local effect's write and its SUCCEEDED row
		// committed together before that
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger WHERE entry_id = 'entry-23'", Integer.class))
			.isOne();
		assertThat(this.store.find("run-23:book:entry-23").orElseThrow().status()).isEqualTo(EffectStatus.SUCCEEDED);
		assertThat(callerProxy.bookLocally(cmd, false)).isEqualTo(9);
		assertThat(EffectOutcome.last().orElseThrow().replayed()).isTrue();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger", Integer.class)).isOne();
		// and a failing local effect inside the caller's transaction still rolls back its
		// own write
		Command failing = new Command("run-23", "entry-24", 1);
		callerTransaction.executeWithoutResult((status) -> assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> callerProxy.bookLocally(failing, true)));
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger WHERE entry_id = 'entry-24'", Integer.class))
			.isZero();
		assertThat(this.store.find("run-23:book:entry-24").orElseThrow().leaseUntil()).isNull();
	}

	@Test
	void runsAndStepsContainingTheSeparatorDoNotCollide() {
		AtomicInteger runs = new AtomicInteger();
		Object first = this.template.execute("a:b", "c", "k", "p", Integer.class, (context) -> runs.incrementAndGet());
		Object second = this.template.execute("a", "b:c", "k", "p", Integer.class, (context) -> runs.incrementAndGet());
		assertThat(first).isEqualTo(1);
		assertThat(second).isEqualTo(2);
		assertThat(this.store.find("a\\:b:c:k").orElseThrow().runId()).isEqualTo("a:b");
		assertThat(this.store.find("a:b\\:c:k").orElseThrow().stepId()).isEqualTo("b:c");
		assertThat(this.template.execute("a:b", "c", "k", "p", Integer.class, (context) -> runs.incrementAndGet()))
			.isEqualTo(1);
		assertThat(runs).hasValue(2);
	}

	@Test
	void theDownstreamIdempotencyKeyCarriesTheConfiguredPrefix() {
		this.template.setIdempotencyKeyPrefix("shop-eu/");
		Receipt receipt = this.proxy.charge(new Command("run-24", "order-24", 1));
		assertThat(receipt.idempotencyKey()).isEqualTo("shop-eu/run-24:charge_card:order-24");
		// the effect id, the row's key, is unchanged
		assertThat(this.store.find("run-24:charge_card:order-24")).isPresent();
		assertThat(EffectOutcome.last().orElseThrow().idempotencyKey())
			.isEqualTo("shop-eu/run-24:charge_card:order-24");
		this.proxy.charge(new Command("run-24", "order-24", 1));
		EffectOutcome<?> replay = EffectOutcome.last().orElseThrow();
		assertThat(replay.replayed()).isTrue();
		assertThat(replay.idempotencyKey()).isEqualTo("shop-eu/run-24:charge_card:order-24");
		assertThat(this.payments.charges).hasValue(1);
	}

	@Test
	void expressionsSeeTheHeadersOfAMessageArgument() {
		Message<String> delivery = MessageBuilder.withPayload("ship 3 boxes")
			.setHeader("runId", "run-25")
			.setHeader("orderId", "order-25")
			.build();
		Message<String> redelivery = MessageBuilder.withPayload("ship 3 boxes")
			.setHeader("runId", "run-25")
			.setHeader("orderId", "order-25")
			.build();
		assertThat(redelivery.getHeaders().getId()).isNotEqualTo(delivery.getHeaders().getId());
		assertThat(this.proxy.onMessage(delivery)).isEqualTo("shipped ship 3 boxes");
		assertThat(this.proxy.onMessage(redelivery)).isEqualTo("shipped ship 3 boxes");
		assertThat(EffectOutcome.last().orElseThrow().replayed()).isTrue();
		assertThat(this.store.find("run-25:ship:order-25")).isPresent();
		assertThat(this.payments.charges).hasValue(1);
	}

	/**
	 * The row's status as a connection of its own sees it (not one bound to a transaction
	 * of this thread).
	 */
	private String committedStatus(String effectId) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection
					.prepareStatement("SELECT status FROM driftq_effect WHERE effect_id = ?")) {
			statement.setString(1, effectId);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

	record Command(String runId, String businessKey, int amount) {
	}

	record Receipt(String businessKey, int amount, String idempotencyKey, int attempt, boolean takenOver) {
	}

	static class CardRejected extends RuntimeException {

		CardRejected(String message) {
			super(message);
		}

	}

	static class NotSent extends RuntimeException {

		NotSent(String message) {
			super(message);
		}

	}

	public static class Payments {

		final AtomicInteger charges = new AtomicInteger();

		final JdbcTemplate jdbc;

		volatile CountDownLatch entered = new CountDownLatch(0);

		volatile CountDownLatch release = new CountDownLatch(0);

		public Payments(DataSource dataSource) {
			this.jdbc = new JdbcTemplate(dataSource);
		}

		void block() {
			this.entered = new CountDownLatch(1);
			this.release = new CountDownLatch(1);
		}

		private Receipt receipt(Command cmd) {
			this.charges.incrementAndGet();
			EffectContext context = EffectContext.current();
			return new Receipt(cmd.businessKey(), cmd.amount(), context.idempotencyKey(), context.attempt(),
					context.takenOver());
		}

		private void awaitReleaseOnFirstAttempt() throws InterruptedException {
			if (EffectContext.current().attempt() == 1) {
				this.entered.countDown();
				assertThat(this.release.await(60, TimeUnit.SECONDS)).isTrue();
			}
		}

		@IdempotentEffect(step = "charge_card", run = "#cmd.runId", businessKey = "#cmd.businessKey")
		public Receipt charge(Command cmd) {
			return receipt(cmd);
		}

		@IdempotentEffect(step = "ship", run = "#headers['runId']", businessKey = "#headers['orderId']",
				payload = "#message.payload")
		public String onMessage(Message<String> message) {
			this.charges.incrementAndGet();
			return "shipped " + message.getPayload();
		}

		@IdempotentEffect(step = "notify", run = "#cmd.runId", businessKey = "#cmd.businessKey")
		public void notify(Command cmd) {
			this.charges.incrementAndGet();
		}

		@IdempotentEffect(step = "receipts", run = "#runId", businessKey = "#key")
		public List<Receipt> receipts(String runId, String key) {
			this.charges.incrementAndGet();
			return List.of(new Receipt(key, 1, "a", 1, false), new Receipt(key, 2, "b", 1, false));
		}

		@IdempotentEffect(step = "blocking", run = "#cmd.runId", businessKey = "#cmd.businessKey")
		public Receipt blocking(Command cmd) throws InterruptedException {
			Receipt receipt = receipt(cmd);
			awaitReleaseOnFirstAttempt();
			return receipt;
		}

		@IdempotentEffect(step = "short_lease", run = "#cmd.runId", businessKey = "#cmd.businessKey", lease = "PT0.5S")
		public Receipt shortLease(Command cmd) throws InterruptedException {
			Receipt receipt = receipt(cmd);
			awaitReleaseOnFirstAttempt();
			return receipt;
		}

		@IdempotentEffect(step = "park", run = "#cmd.runId", businessKey = "#cmd.businessKey", payload = "#cmd",
				lease = "PT0.5S", onExpiredClaim = ExpiredClaimPolicy.MARK_UNKNOWN)
		public Receipt park(Command cmd, RuntimeException failure) {
			Receipt receipt = receipt(cmd);
			if (failure != null) {
				throw failure;
			}
			return receipt;
		}

		@IdempotentEffect(step = "flaky", run = "#cmd.runId", businessKey = "#cmd.businessKey", payload = "#cmd",
				noEffectOn = NotSent.class, terminalOn = CardRejected.class)
		public Receipt flaky(Command cmd, RuntimeException failure) {
			Receipt receipt = receipt(cmd);
			if (failure != null) {
				throw failure;
			}
			return receipt;
		}

		@IdempotentEffect(step = "book", run = "#cmd.runId", businessKey = "#cmd.businessKey", payload = "#cmd",
				local = true)
		public int bookLocally(Command cmd, boolean failAfterWrite) {
			this.jdbc.update("INSERT INTO ledger (entry_id, amount) VALUES (?, ?)", cmd.businessKey(), cmd.amount());
			if (failAfterWrite) {
				throw new IllegalStateException("failed after the write");
			}
			return cmd.amount();
		}

	}

}
