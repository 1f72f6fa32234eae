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

package io.driftq.idempotent.crash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import io.driftq.idempotent.EffectContext;
import io.driftq.idempotent.EffectDefinition;
import io.driftq.idempotent.EffectInProgressException;
import io.driftq.idempotent.EffectOutcomeUnknownException;
import io.driftq.idempotent.EffectReconciler;
import io.driftq.idempotent.EffectRecord;
import io.driftq.idempotent.EffectStatus;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.ExpiredClaimPolicy;
import io.driftq.idempotent.Reconciliation;
import io.driftq.idempotent.crash.ExternalEffect.Performed;
import io.driftq.idempotent.jdbc.JdbcEffectStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Crash tests: a separate JVM ({@link CrashingEffectMain}) claims an effect on a real
 * database and is killed with SIGKILL ({@link Process#destroyForcibly()}) after the
 * claim, after the external effect or after completion; the next delivery of the same
 * message, in this JVM, must then do what each {@link ExpiredClaimPolicy} promises. Run
 * on each database by a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EffectCrashTests {

	/** Short, so that waiting for an expired claim keeps the suite quick. */
	static final Duration LEASE = Duration.ofSeconds(2);

	private static final Duration CHILD_START_TIMEOUT = Duration.ofSeconds(90);

	private static final int SIGKILL_EXIT_CODE = 128 + 9;

	private DataSource dataSource;

	private JdbcEffectStore store;

	private Path classDirectory;

	private Path effects;

	private Path markers;

	private final List<Path> childLogs = Collections.synchronizedList(new ArrayList<>());

	private final List<Process> children = Collections.synchronizedList(new ArrayList<>());

	private final List<String> events = Collections.synchronizedList(new ArrayList<>());

	private final AtomicReference<EffectReconciler> reconciler = new AtomicReference<>();

	private final List<EffectReconciler.ExpiredEffect> reconciled = Collections.synchronizedList(new ArrayList<>());

	private final List<EffectContext> callbackContexts = Collections.synchronizedList(new ArrayList<>());

	private EffectTemplate template;

	@RegisterExtension
	final TestWatcher childLogPrinter = new TestWatcher() {

		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			printChildLogs(context.getDisplayName());
		}

	};

	/**
	 * @param directory a directory for database files
	 * @return the data source of this JVM (the effect table does not need to exist)
	 */
	protected abstract DataSource createDataSource(Path directory) throws Exception;

	/**
	 * @return how the child process reaches the same database: {@link CrashingEffectMain}
	 * arguments
	 */
	protected abstract List<String> childDatabaseArguments();

	/**
	 * @return the child's environment additions (the password)
	 */
	protected Map<String, String> childEnvironment() {
		return Map.of();
	}

	protected void dropDatabase() throws Exception {
	}

	@BeforeAll
	void setUpDatabase(@TempDir Path directory) throws Exception {
		this.classDirectory = directory;
		this.dataSource = createDataSource(this.classDirectory);
		this.store = new JdbcEffectStore(this.dataSource);
		this.store.initializeSchema();
		this.store.verifySchema();
	}

	@AfterAll
	void tearDownDatabase() throws Exception {
		if (this.dataSource instanceof AutoCloseable closeable) {
			closeable.close();
		}
		dropDatabase();
	}

	@BeforeEach
	void setUp(TestInfo info) throws IOException {
		Path directory = Files.createTempDirectory(this.classDirectory, "test-");
		this.effects = Files.createDirectories(directory.resolve("effects"));
		this.markers = Files.createDirectories(directory.resolve("markers"));
		this.childLogs.clear();
		this.events.clear();
		this.reconciled.clear();
		this.callbackContexts.clear();
		this.reconciler.set(null);
		this.template = new EffectTemplate(this.store, JsonMapper.builder().build(),
				(event, step) -> this.events.add(event), Duration.ofMinutes(5));
		this.template.setReconcilers(List.of((expired) -> {
			this.reconciled.add(expired);
			EffectReconciler delegate = this.reconciler.get();
			if (delegate == null) {
				throw new AssertionError("No reconciler expected in this test, asked about " + expired);
			}
			return delegate.reconcile(expired);
		}));
	}

	@AfterEach
	void killLeftoverChildren() throws InterruptedException {
		// a test that failed before its kill must not leave its child running
		for (Process child : this.children) {
			child.destroyForcibly();
			child.waitFor(30, TimeUnit.SECONDS);
		}
		this.children.clear();
	}

	@ParameterizedTest
	@EnumSource(ExpiredClaimPolicy.class)
	void killedAfterCompletionTheDuplicateIsReplayed(ExpiredClaimPolicy policy) {
		Crash crash = crash(CrashPoint.AFTER_COMPLETION, policy);
		assertThat(crash.rowAtKill().status()).isEqualTo(EffectStatus.SUCCEEDED);
		Performed childEffect = onlyEffect(crash);
		assertThat(crash.marker().getProperty("result")).isEqualTo(childEffect.result());
		assertThat(childEffect.attempt()).isEqualTo(1);
		assertThat(childEffect.takenOver()).isFalse();

		Object result = deliver(crash);

		assertThat(result).isEqualTo(childEffect.result());
		assertThat(this.callbackContexts).as("callback of the duplicate").isEmpty();
		assertThat(this.events).containsExactly("replayed");
		assertThat(this.reconciled).isEmpty();
		assertThat(ExternalEffect.list(this.effects)).containsExactly(childEffect);
		EffectRecord row = row(crash);
		assertThat(row.status()).isEqualTo(EffectStatus.SUCCEEDED);
		assertThat(row.attempts()).isEqualTo(1);
		assertThat(row.fencingToken()).isEqualTo(crash.rowAtKill().fencingToken());
	}

	@Test
	void rerunKilledAfterClaimRunsTheEffectOnceWithTheSameKeyAfterTheLease() {
		Crash crash = crash(CrashPoint.AFTER_CLAIM, ExpiredClaimPolicy.RERUN);
		assertThat(ExternalEffect.list(this.effects)).as("effects of the killed child").isEmpty();
		assertInProgressUntilTheLeaseExpires(crash);

		Object result = awaitLeaseExpiry(crash).returned();

		EffectContext rerun = onlyCallback();
		assertThat(rerun.takenOver()).isTrue();
		assertThat(rerun.attempt()).isEqualTo(2);
		assertThat(rerun.idempotencyKey()).isEqualTo(crash.key());
		assertThat(rerun.fencingToken()).isGreaterThan(crash.rowAtKill().fencingToken());
		Performed effect = onlyEffect(crash);
		assertThat(effect.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(result).isEqualTo(effect.result());
		assertThat(this.events).contains("lease_taken_over", "executed");
		assertSucceededAfterTheLease(crash, 2, effect.result());
		assertReplayedFromNowOn(crash, effect.result());
	}

	@Test
	void rerunKilledAfterTheEffectRunsItAgainWithTheSameKeyAfterTheLease() {
		Crash crash = crash(CrashPoint.AFTER_EFFECT, ExpiredClaimPolicy.RERUN);
		Performed childEffect = onlyEffect(crash);
		assertThat(childEffect.takenOver()).isFalse();
		assertThat(childEffect.pid()).isEqualTo(crash.pid());
		assertInProgressUntilTheLeaseExpires(crash);

		Object result = awaitLeaseExpiry(crash).returned();

		EffectContext rerun = onlyCallback();
		assertThat(rerun.takenOver()).isTrue();
		assertThat(rerun.attempt()).isEqualTo(2);
		// the downstream system sees the same key twice and can collapse both into one
		// effect
		assertThat(rerun.idempotencyKey()).isEqualTo(childEffect.key());
		List<Performed> effects = ExternalEffect.withKey(this.effects, crash.key());
		assertThat(effects).hasSize(2).contains(childEffect);
		assertThat(ExternalEffect.list(this.effects)).hasSize(2);
		Performed rerunEffect = effects.stream()
			.filter((effect) -> !effect.equals(childEffect))
			.findFirst()
			.orElseThrow();
		assertThat(rerunEffect.takenOver()).isTrue();
		assertThat(rerunEffect.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(result).isEqualTo(rerunEffect.result());
		assertSucceededAfterTheLease(crash, 2, rerunEffect.result());
		assertReplayedFromNowOn(crash, rerunEffect.result());
	}

	@Test
	void markUnknownKilledAfterClaimParksTheEffectAfterTheLease() {
		Crash crash = crash(CrashPoint.AFTER_CLAIM, ExpiredClaimPolicy.MARK_UNKNOWN);
		assertThat(ExternalEffect.list(this.effects)).isEmpty();
		assertInProgressUntilTheLeaseExpires(crash);

		assertThat(awaitLeaseExpiry(crash).thrown()).isInstanceOf(EffectOutcomeUnknownException.class);

		assertThat(this.callbackContexts).isEmpty();
		assertThat(ExternalEffect.list(this.effects)).isEmpty();
		assertParkedAfterTheLease(crash);
	}

	@Test
	void markUnknownKilledAfterTheEffectParksTheEffectAfterTheLease() {
		Crash crash = crash(CrashPoint.AFTER_EFFECT, ExpiredClaimPolicy.MARK_UNKNOWN);
		Performed childEffect = onlyEffect(crash);
		assertInProgressUntilTheLeaseExpires(crash);

		assertThat(awaitLeaseExpiry(crash).thrown()).isInstanceOf(EffectOutcomeUnknownException.class);

		assertThat(this.callbackContexts).isEmpty();
		assertThat(ExternalEffect.list(this.effects)).containsExactly(childEffect);
		assertParkedAfterTheLease(crash);
	}

	@Test
	void reconcileKilledAfterClaimRunsTheEffectWhenTheReconcilerFindsNone() {
		this.reconciler.set(this::lookUpDownstream);
		Crash crash = crash(CrashPoint.AFTER_CLAIM, ExpiredClaimPolicy.RECONCILE);
		assertThat(ExternalEffect.list(this.effects)).isEmpty();
		assertInProgressUntilTheLeaseExpires(crash);

		Object result = awaitLeaseExpiry(crash).returned();

		assertReconciledOnce(crash);
		EffectContext rerun = onlyCallback();
		assertThat(rerun.takenOver()).isTrue();
		assertThat(rerun.idempotencyKey()).isEqualTo(crash.key());
		Performed effect = onlyEffect(crash);
		assertThat(effect.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(result).isEqualTo(effect.result());
		assertSucceededAfterTheLease(crash, 2, effect.result());
		assertReplayedFromNowOn(crash, effect.result());
	}

	@Test
	void reconcileKilledAfterTheEffectStoresItsResultWithoutRunningItAgain() {
		this.reconciler.set(this::lookUpDownstream);
		Crash crash = crash(CrashPoint.AFTER_EFFECT, ExpiredClaimPolicy.RECONCILE);
		Performed childEffect = onlyEffect(crash);
		assertInProgressUntilTheLeaseExpires(crash);

		Object result = awaitLeaseExpiry(crash).returned();

		assertReconciledOnce(crash);
		assertThat(this.callbackContexts).as("callback of the duplicate").isEmpty();
		assertThat(result).isEqualTo(childEffect.result());
		assertThat(ExternalEffect.list(this.effects)).containsExactly(childEffect);
		assertThat(this.events).contains("reconciled").doesNotContain("executed");
		assertSucceededAfterTheLease(crash, 2, childEffect.result());
		assertReplayedFromNowOn(crash, childEffect.result());
	}

	@Test
	void reconcileKilledAfterTheEffectParksItWhenTheReconcilerCannotTell() {
		this.reconciler.set((expired) -> Reconciliation.unknown("downstream unreachable"));
		Crash crash = crash(CrashPoint.AFTER_EFFECT, ExpiredClaimPolicy.RECONCILE);
		Performed childEffect = onlyEffect(crash);
		assertInProgressUntilTheLeaseExpires(crash);

		assertThat(awaitLeaseExpiry(crash).thrown()).isInstanceOf(EffectOutcomeUnknownException.class)
			.hasMessageContaining("downstream unreachable");

		assertReconciledOnce(crash);
		assertThat(this.callbackContexts).isEmpty();
		assertThat(ExternalEffect.list(this.effects)).containsExactly(childEffect);
		EffectRecord row = row(crash);
		assertThat(row.status()).isEqualTo(EffectStatus.UNKNOWN);
		assertThat(row.error()).contains("downstream unreachable");
		assertThat(row.updatedAt()).isGreaterThanOrEqualTo(crash.rowAtKill().leaseUntil());
		assertThatExceptionOfType(EffectOutcomeUnknownException.class).isThrownBy(() -> deliver(crash));
		assertThat(this.reconciled).as("a parked effect is not reconciled again").hasSize(1);
		assertThat(this.callbackContexts).isEmpty();
	}

	/**
	 * A downstream system that answers "is there an effect with this key?" from the
	 * effects directory.
	 */
	private Reconciliation lookUpDownstream(EffectReconciler.ExpiredEffect expired) {
		List<Performed> found = ExternalEffect.withKey(this.effects, expired.idempotencyKey());
		if (found.isEmpty()) {
			return Reconciliation.notHappened();
		}
		return Reconciliation.happened(found.get(0).result());
	}

	// --- the crash ---

	/**
	 * Starts {@link CrashingEffectMain} on a fresh effect key, waits until it reports the
	 * crash point, kills it with SIGKILL and reads the row it left behind.
	 */
	private Crash crash(CrashPoint point, ExpiredClaimPolicy policy) {
		String run = "run-" + UUID.randomUUID();
		EffectDefinition definition = EffectDefinition.of(run, "charge", "order-1")
			.withLease(LEASE)
			.withOnExpiredClaim(policy);
		Path log = this.markers.resolveSibling("child-" + point.argument() + "-" + policy + ".log");
		this.childLogs.add(log);
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current()
			.info()
			.command()
			.orElseThrow(() -> new IllegalStateException("Cannot tell the java binary of this JVM")));
		command.addAll(List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), CrashingEffectMain.class.getName()));
		command.addAll(childDatabaseArguments());
		command.addAll(List.of("--run=" + run, "--step=charge", "--business-key=order-1", "--order=order-1",
				"--amount-cents=4200", "--policy=" + policy, "--lease-millis=" + LEASE.toMillis(),
				"--crash-point=" + point.argument(), "--effects-dir=" + this.effects, "--marker-dir=" + this.markers));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
		builder.environment().putAll(childEnvironment());
		Process child;
		try {
			child = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start " + command, ex);
		}
		this.children.add(child);
		Path marker = this.markers.resolve(point.markerName());
		await("child " + child.pid() + " at " + point.argument()).atMost(CHILD_START_TIMEOUT)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> {
				if (Files.exists(marker)) {
					return true;
				}
				if (!child.isAlive()) {
					fail("The child exited with " + child.exitValue() + " before reaching " + point.argument() + ":\n"
							+ read(log));
				}
				return false;
			});
		child.destroyForcibly();
		int exit;
		try {
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child killed").isTrue();
			exit = child.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		assertThat(exit).as("exit code of the child killed with SIGKILL").isEqualTo(SIGKILL_EXIT_CODE);
		Properties properties = ExternalEffect.readProperties(marker);
		assertThat(properties.getProperty("pid")).isEqualTo(Long.toString(child.pid()));
		assertThat(properties.getProperty("key")).isEqualTo(definition.key().effectId());
		EffectRecord row = this.store.find(definition.key().effectId())
			.orElseThrow(() -> new AssertionError("The child left no effect row"));
		assertThat(row.attempts()).isEqualTo(1);
		if (point != CrashPoint.AFTER_COMPLETION) {
			assertThat(row.status()).isEqualTo(EffectStatus.CLAIMED);
			assertThat(row.leaseUntil()).isNotNull();
		}
		return new Crash(definition, child.pid(), properties, row);
	}

	/** The next delivery of the crashed message, in this JVM. */
	private Object deliver(Crash crash) {
		return this.template.execute(crash.definition(), new Charge("order-1", 4200), String.class, (context) -> {
			this.callbackContexts.add(context);
			assertThat(EffectContext.current()).isSameAs(context);
			return ExternalEffect.perform(this.effects);
		});
	}

	/**
	 * Right after the kill the dead child's claim still holds: the duplicate is told to
	 * retry later.
	 */
	private void assertInProgressUntilTheLeaseExpires(Crash crash) {
		assertThatExceptionOfType(EffectInProgressException.class).as("duplicate right after the kill")
			.isThrownBy(() -> deliver(crash));
		assertThat(this.callbackContexts).isEmpty();
		assertThat(this.reconciled).isEmpty();
		EffectRecord row = row(crash);
		assertThat(row.status()).isEqualTo(EffectStatus.CLAIMED);
		assertThat(row.fencingToken()).isEqualTo(crash.rowAtKill().fencingToken());
	}

	/**
	 * Redelivers until the outcome is no longer "in progress" (the dead child's lease
	 * expired).
	 */
	private Delivery awaitLeaseExpiry(Crash crash) {
		AtomicReference<Delivery> delivery = new AtomicReference<>();
		await("the claim of the killed child to expire").atMost(LEASE.plusSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> {
				try {
					delivery.set(new Delivery(deliver(crash), null));
					return true;
				}
				catch (EffectInProgressException ex) {
					assertThat(this.callbackContexts).isEmpty();
					return false;
				}
				catch (RuntimeException ex) {
					delivery.set(new Delivery(null, ex));
					return true;
				}
			});
		return delivery.get();
	}

	private void assertSucceededAfterTheLease(Crash crash, int attempts, String result) {
		EffectRecord row = row(crash);
		assertThat(row.status()).isEqualTo(EffectStatus.SUCCEEDED);
		assertThat(row.attempts()).isEqualTo(attempts);
		assertThat(row.result()).isEqualTo("\"" + result + "\"");
		assertThat(row.fencingToken()).isGreaterThan(crash.rowAtKill().fencingToken());
		// taken over no earlier than the dead child's lease ended (database clock)
		assertThat(row.updatedAt()).isGreaterThanOrEqualTo(crash.rowAtKill().leaseUntil());
	}

	private void assertParkedAfterTheLease(Crash crash) {
		EffectRecord row = row(crash);
		assertThat(row.status()).isEqualTo(EffectStatus.UNKNOWN);
		assertThat(row.attempts()).isEqualTo(1);
		assertThat(row.result()).isNull();
		assertThat(row.updatedAt()).isGreaterThanOrEqualTo(crash.rowAtKill().leaseUntil());
		// parked for an operator: further deliveries do not run it either
		assertThatExceptionOfType(EffectOutcomeUnknownException.class).isThrownBy(() -> deliver(crash));
		assertThat(this.callbackContexts).isEmpty();
		assertThat(row(crash).status()).isEqualTo(EffectStatus.UNKNOWN);
	}

	private void assertReplayedFromNowOn(Crash crash, String result) {
		int callbacks = this.callbackContexts.size();
		assertThat(deliver(crash)).isEqualTo(result);
		assertThat(this.callbackContexts).hasSize(callbacks);
	}

	private void assertReconciledOnce(Crash crash) {
		assertThat(this.reconciled).hasSize(1);
		EffectReconciler.ExpiredEffect expired = this.reconciled.get(0);
		assertThat(expired.effectId()).isEqualTo(crash.key());
		assertThat(expired.idempotencyKey()).isEqualTo(crash.key());
		assertThat(expired.runId()).isEqualTo(crash.definition().key().runId());
		assertThat(expired.stepId()).isEqualTo("charge");
		assertThat(expired.businessKey()).isEqualTo("order-1");
		assertThat(expired.attempts()).isEqualTo(2);
	}

	private Performed onlyEffect(Crash crash) {
		List<Performed> all = ExternalEffect.list(this.effects);
		assertThat(all).hasSize(1);
		assertThat(all.get(0).key()).isEqualTo(crash.key());
		return all.get(0);
	}

	private EffectContext onlyCallback() {
		assertThat(this.callbackContexts).hasSize(1);
		return this.callbackContexts.get(0);
	}

	private EffectRecord row(Crash crash) {
		return this.store.find(crash.key()).orElseThrow();
	}

	private void printChildLogs(String test) {
		for (Path log : List.copyOf(this.childLogs)) {
			System.err.println("---- " + test + ": output of the child process, " + log + " ----");
			System.err.println(read(log));
			System.err.println("---- end of " + log.getFileName() + " ----");
		}
	}

	private static String read(Path log) {
		try {
			return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output file)";
		}
		catch (IOException ex) {
			return "(cannot read " + log + ": " + ex + ")";
		}
	}

	private static java.io.File nullDevice() {
		return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
	}

	/**
	 * A killed child.
	 *
	 * @param definition the effect it ran
	 * @param pid its process id
	 * @param marker what it wrote at the crash point
	 * @param rowAtKill the effect row right after the kill
	 */
	record Crash(EffectDefinition definition, long pid, Properties marker, EffectRecord rowAtKill) {

		String key() {
			return this.definition.key().effectId();
		}

	}

	/**
	 * The outcome of a delivery: a result or an exception.
	 *
	 * @param result the result
	 * @param exception the exception
	 */
	record Delivery(Object result, RuntimeException exception) {

		Object returned() {
			if (this.exception != null) {
				throw new AssertionError("Expected the delivery to return, it threw " + this.exception, this.exception);
			}
			return this.result;
		}

		RuntimeException thrown() {
			if (this.exception == null) {
				throw new AssertionError("Expected the delivery to throw, it returned " + this.result);
			}
			return this.exception;
		}

	}

}
