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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.driftq.idempotent.EffectCheckpoint.Point;
import io.driftq.idempotent.EffectContext;
import io.driftq.idempotent.EffectDefinition;
import io.driftq.idempotent.EffectInProgressException;
import io.driftq.idempotent.EffectMetrics;
import io.driftq.idempotent.EffectOutcomeUnknownException;
import io.driftq.idempotent.EffectStatus;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.ExpiredClaimPolicy;
import io.driftq.idempotent.test.EffectCrashPoints;
import io.driftq.idempotent.test.SimulatedCrash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The crash-point kit ({@link EffectCrashPoints}) on a real database: each simulated
 * crash leaves the table as a killed process would, and the next delivery does what the
 * effect's policy says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CrashPointContractTests {

	private DataSource dataSource;

	private JdbcEffectStore store;

	private EffectTemplate template;

	private EffectCrashPoints crashPoints;

	/**
	 * The downstream keys the "external system" was called with, once per real execution.
	 */
	private final List<String> calls = new CopyOnWriteArrayList<>();

	protected abstract DataSource createDataSource() throws Exception;

	protected void dropDatabase() throws Exception {
	}

	@BeforeAll
	void setUpDatabase() throws Exception {
		this.dataSource = createDataSource();
		this.store = new JdbcEffectStore(this.dataSource);
		this.store.initializeSchema();
		this.store.verifySchema();
		new JdbcTemplate(this.dataSource).execute(
				"CREATE TABLE IF NOT EXISTS crash_ledger (entry_id VARCHAR(200) PRIMARY KEY, amount INTEGER NOT NULL)");
	}

	@AfterAll
	void tearDownDatabase() throws Exception {
		if (this.dataSource instanceof AutoCloseable closeable) {
			closeable.close();
		}
		dropDatabase();
	}

	@BeforeEach
	void setUp() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.update("DELETE FROM driftq_effect");
		jdbc.update("DELETE FROM crash_ledger");
		this.calls.clear();
		this.template = new EffectTemplate(this.store, JsonMapper.builder().build(), EffectMetrics.NONE,
				Duration.ofMinutes(5));
		this.crashPoints = new EffectCrashPoints(this.store);
		this.template.setCheckpoint(this.crashPoints);
	}

	@Test
	void crashAfterClaimLeavesALiveClaimThatRerunTakesOverOnceTheLeaseIsGone() {
		EffectDefinition charge = charge("run-1", ExpiredClaimPolicy.RERUN);
		this.crashPoints.crashOnce(Point.AFTER_CLAIM, "charge");
		SimulatedCrash crash = catchCrash(charge);
		assertThat(crash.getPoint()).isEqualTo(Point.AFTER_CLAIM);
		assertThat(this.calls).isEmpty();
		assertThat(status(crash)).isEqualTo(EffectStatus.CLAIMED);
		// redelivered while the dead claim's lease runs: the message must come back later
		assertThatExceptionOfType(EffectInProgressException.class).isThrownBy(() -> run(charge));
		this.crashPoints.expireLease(crash.getEffectId());
		assertThat(run(charge)).isEqualTo("charged run-1 attempt 2 takenOver true");
		assertThat(this.calls).containsExactly(crash.getEffectId());
		assertThat(run(charge)).isEqualTo("charged run-1 attempt 2 takenOver true");
		assertThat(this.calls).hasSize(1);
		assertThat(this.crashPoints.crashes()).isEqualTo(1);
	}

	@Test
	void crashAfterTheEffectRerunsItWithTheSameDownstreamKey() {
		EffectDefinition charge = charge("run-2", ExpiredClaimPolicy.RERUN);
		this.crashPoints.crashOnce(Point.AFTER_EFFECT, "charge");
		SimulatedCrash crash = catchCrash(charge);
		assertThat(status(crash)).isEqualTo(EffectStatus.CLAIMED);
		this.crashPoints.expireLease(crash.getEffectId());
		run(charge);
		// at least once: the second call carries the first one's key, so a provider that
		// honours it charges once
		assertThat(this.calls).containsExactly(crash.getEffectId(), crash.getEffectId());
		assertThat(status(crash)).isEqualTo(EffectStatus.SUCCEEDED);
	}

	@Test
	void crashAfterTheEffectParksAMarkUnknownEffect() {
		EffectDefinition charge = charge("run-3", ExpiredClaimPolicy.MARK_UNKNOWN);
		this.crashPoints.crashOnce(Point.AFTER_EFFECT, null);
		SimulatedCrash crash = catchCrash(charge);
		this.crashPoints.expireLease(crash.getEffectId());
		assertThatExceptionOfType(EffectOutcomeUnknownException.class).isThrownBy(() -> run(charge));
		assertThat(status(crash)).isEqualTo(EffectStatus.UNKNOWN);
		assertThat(this.calls).hasSize(1);
	}

	@Test
	void crashAfterCompletionReplaysTheStoredResult() {
		EffectDefinition charge = charge("run-4", ExpiredClaimPolicy.RERUN);
		this.crashPoints.crashOnce(Point.AFTER_COMPLETION, "charge");
		SimulatedCrash crash = catchCrash(charge);
		assertThat(status(crash)).isEqualTo(EffectStatus.SUCCEEDED);
		assertThat(run(charge)).isEqualTo("charged run-4 attempt 1 takenOver false");
		assertThat(this.calls).hasSize(1);
		assertThatIllegalStateException().isThrownBy(() -> this.crashPoints.expireLease(crash.getEffectId()));
	}

	@Test
	void crashOfALocalEffectRollsItsWriteBackAndTheRetryWritesOnce() {
		EffectDefinition entry = EffectDefinition.of("run-5", "ledger", "entry-1").withLocal(true);
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		this.crashPoints.crashOnce(Point.AFTER_EFFECT, "ledger");
		assertThatExceptionOfType(SimulatedCrash.class).isThrownBy(() -> this.template.execute(entry, "entry-1",
				Integer.class, (context) -> jdbc.update("INSERT INTO crash_ledger VALUES (?, ?)", "entry-1", 100)));
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM crash_ledger", Integer.class)).isZero();
		this.crashPoints.expireLease(entry.key().effectId());
		this.template.execute(entry, "entry-1", Integer.class,
				(context) -> jdbc.update("INSERT INTO crash_ledger VALUES (?, ?)", "entry-1", 100));
		this.template.execute(entry, "entry-1", Integer.class,
				(context) -> jdbc.update("INSERT INTO crash_ledger VALUES (?, ?)", "entry-1", 100));
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM crash_ledger", Integer.class)).isOne();
		assertThat(this.store.find(entry.key().effectId()).orElseThrow().status()).isEqualTo(EffectStatus.SUCCEEDED);
	}

	@Test
	void armedCrashesMatchTheirStepAndFireOnce() {
		this.crashPoints.crashOnce(Point.AFTER_CLAIM, "refund");
		run(charge("run-6", ExpiredClaimPolicy.RERUN));
		assertThat(this.crashPoints.crashes()).isZero();
		this.crashPoints.disarm();
		this.crashPoints.crashOnce(Point.AFTER_CLAIM, "charge");
		catchCrash(charge("run-7", ExpiredClaimPolicy.RERUN));
		run(charge("run-8", ExpiredClaimPolicy.RERUN));
		assertThat(this.crashPoints.crashes()).isOne();
	}

	private static EffectDefinition charge(String run, ExpiredClaimPolicy policy) {
		return EffectDefinition.of(run, "charge", "order-1").withOnExpiredClaim(policy);
	}

	private String run(EffectDefinition charge) {
		return this.template.execute(charge, "order-1", String.class, (context) -> {
			this.calls.add(context.idempotencyKey());
			return "charged " + charge.key().runId() + " attempt " + context.attempt() + " takenOver "
					+ context.takenOver();
		});
	}

	private SimulatedCrash catchCrash(EffectDefinition charge) {
		try {
			run(charge);
		}
		catch (SimulatedCrash crash) {
			assertThat(crash.getEffectId()).isEqualTo(charge.key().effectId());
			assertThat(EffectContext.find()).isEmpty();
			return crash;
		}
		throw new AssertionError("no simulated crash");
	}

	private EffectStatus status(SimulatedCrash crash) {
		return this.store.find(crash.getEffectId()).orElseThrow().status();
	}

}
