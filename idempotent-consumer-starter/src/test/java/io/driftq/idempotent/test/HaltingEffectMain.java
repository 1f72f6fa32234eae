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

package io.driftq.idempotent.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.driftq.idempotent.EffectCheckpoint.Point;
import io.driftq.idempotent.EffectDefinition;
import io.driftq.idempotent.EffectMetrics;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.jdbc.JdbcEffectStore;
import io.driftq.idempotent.jdbc.SqliteDataSources;
import tools.jackson.databind.json.JsonMapper;

/**
 * The child JVM of {@link EffectCrashPointsTests}: arms
 * {@link EffectCrashPoints#haltOnce} at the given point, runs one effect that writes a
 * file (its "external" effect), and is halted by the kit. Arguments: the SQLite file, the
 * point, the effects directory.
 */
public final class HaltingEffectMain {

	private HaltingEffectMain() {
	}

	public static void main(String[] args) throws Exception {
		Path effects = Path.of(args[2]);
		JdbcEffectStore store = new JdbcEffectStore(
				SqliteDataSources.create(Path.of(args[0]), Duration.ofSeconds(10), 2));
		store.initializeSchema();
		EffectTemplate template = new EffectTemplate(store, JsonMapper.builder().build(), EffectMetrics.NONE,
				Duration.ofMinutes(5));
		EffectCrashPoints crashPoints = new EffectCrashPoints(store);
		template.setCheckpoint(crashPoints.haltOnce(Point.valueOf(args[1]), "charge", 137));
		template.execute(EffectDefinition.of("run-halt", "charge", "order-1"), "order-1", String.class,
				(context) -> Files
					.writeString(effects.resolve("attempt-" + context.attempt()), context.idempotencyKey())
					.toString());
		System.out.println("not halted");
		System.exit(1);
	}

}
