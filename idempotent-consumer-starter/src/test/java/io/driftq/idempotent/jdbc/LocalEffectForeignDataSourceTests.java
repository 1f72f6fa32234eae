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
import java.time.Duration;

import io.driftq.idempotent.EffectCheckpoint.Point;
import io.driftq.idempotent.EffectDefinition;
import io.driftq.idempotent.EffectMetrics;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.test.EffectCrashPoints;
import io.driftq.idempotent.test.SimulatedCrash;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A local effect that writes through a DataSource other than the store's is detected and
 * reported once per step, because those writes do not commit with the marker (shown here
 * with a crash after the effect).
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalEffectForeignDataSourceTests {

	private static final String WARNING = "Local effect step 'ledger'";

	@TempDir
	Path directory;

	private BasicDataSource effects;

	private BasicDataSource other;

	private EffectTemplate template;

	private EffectCrashPoints crashPoints;

	@BeforeEach
	void setUp() {
		this.effects = SqliteDataSources.create(this.directory.resolve("effects.sqlite"), Duration.ofSeconds(10), 2);
		this.other = SqliteDataSources.create(this.directory.resolve("other.sqlite"), Duration.ofSeconds(10), 2);
		JdbcEffectStore store = new JdbcEffectStore(this.effects);
		store.initializeSchema();
		for (BasicDataSource dataSource : new BasicDataSource[] { this.effects, this.other }) {
			new JdbcTemplate(dataSource).execute("CREATE TABLE ledger (entry_id VARCHAR(200) PRIMARY KEY)");
		}
		this.template = new EffectTemplate(store, JsonMapper.builder().build(), EffectMetrics.NONE,
				Duration.ofMinutes(5));
		this.crashPoints = new EffectCrashPoints(store);
		this.template.setCheckpoint(this.crashPoints);
	}

	@AfterEach
	void tearDown() throws Exception {
		this.effects.close();
		this.other.close();
	}

	@Test
	void writesThroughTheStoresDataSourceShareItsTransactionAndAreNotReported(CapturedOutput output) {
		JdbcTemplate jdbc = new JdbcTemplate(new TransactionAwareDataSourceProxy(this.effects));
		write(jdbc, "entry-1");
		assertThat(count(this.effects)).isOne();
		assertThat(output).doesNotContain(WARNING);
	}

	@Test
	void writesThroughAnotherDataSourceAreReportedOncePerStepAndAreNotAtomicWithTheMarker(CapturedOutput output) {
		JdbcTemplate jdbc = new JdbcTemplate(this.other);
		write(jdbc, "entry-1");
		write(jdbc, "entry-2");
		assertThat(output).containsOnlyOnce(WARNING).contains("DataSource " + this.other);
		this.crashPoints.crashOnce(Point.AFTER_EFFECT, "ledger");
		assertThatExceptionOfType(SimulatedCrash.class).isThrownBy(() -> write(jdbc, "entry-3"));
		// the marker's transaction rolled back; the other database's write did not
		assertThat(count(this.other)).isEqualTo(3);
	}

	private void write(JdbcTemplate jdbc, String entry) {
		this.template.execute(EffectDefinition.of("run-1", "ledger", entry).withLocal(true), entry, Integer.class,
				(context) -> jdbc.update("INSERT INTO ledger VALUES (?)", entry));
	}

	private static int count(BasicDataSource dataSource) {
		return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM ledger", Integer.class);
	}

}
