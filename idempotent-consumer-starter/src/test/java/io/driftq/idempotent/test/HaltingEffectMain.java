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
 * The child JVM of {@link EffectCrashPointsTests}: arms {@link EffectCrashPoints#haltOnce} at the given point, runs
 * one effect that writes a file (its "external" effect), and is halted by the kit. Arguments: the SQLite file, the
 * point, the effects directory.
 */
public final class HaltingEffectMain {

	private HaltingEffectMain() {
	}

	public static void main(String[] args) throws Exception {
		Path effects = Path.of(args[2]);
		JdbcEffectStore store = new JdbcEffectStore(SqliteDataSources.create(Path.of(args[0]), Duration.ofSeconds(10), 2));
		store.initializeSchema();
		EffectTemplate template = new EffectTemplate(store, JsonMapper.builder().build(), EffectMetrics.NONE,
				Duration.ofMinutes(5));
		EffectCrashPoints crashPoints = new EffectCrashPoints(store);
		template.setCheckpoint(crashPoints.haltOnce(Point.valueOf(args[1]), "charge", 137));
		template.execute(EffectDefinition.of("run-halt", "charge", "order-1"), "order-1", String.class,
				(context) -> Files.writeString(effects.resolve("attempt-" + context.attempt()), context.idempotencyKey())
					.toString());
		System.out.println("not halted");
		System.exit(1);
	}

}
