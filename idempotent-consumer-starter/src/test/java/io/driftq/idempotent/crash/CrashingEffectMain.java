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

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.driftq.idempotent.EffectDefinition;
import io.driftq.idempotent.EffectMetrics;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.ExpiredClaimPolicy;
import io.driftq.idempotent.jdbc.JdbcEffectStore;
import io.driftq.idempotent.jdbc.SqliteDataSources;
import tools.jackson.databind.json.JsonMapper;

/**
 * The process the crash tests kill: runs one {@link EffectTemplate#execute} whose
 * callback performs the {@link ExternalEffect}, and stops at the requested
 * {@link CrashPoint}: it writes the marker {@code at-<point>} into the marker directory
 * and blocks until it is killed with SIGKILL.
 *
 * <p>
 * Arguments ({@code --name=value}): {@code --sqlite=<file>} or
 * {@code --jdbc-url=<url> --user=<user>} (password from the environment variable
 * {@value #PASSWORD_VARIABLE}), {@code --run}, {@code --step}, {@code --business-key},
 * {@code --order}, {@code --amount-cents}, {@code --policy}, {@code --lease-millis},
 * {@code --crash-point}, {@code --effects-dir}, {@code --marker-dir}.
 */
public final class CrashingEffectMain {

	static final String PASSWORD_VARIABLE = "CRASH_TEST_JDBC_PASSWORD";

	private CrashingEffectMain() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = parse(args);
		CrashPoint point = CrashPoint.of(required(options, "crash-point"));
		Path effects = Path.of(required(options, "effects-dir"));
		Path markers = Path.of(required(options, "marker-dir"));
		Duration lease = Duration.ofMillis(Long.parseLong(required(options, "lease-millis")));
		ExpiredClaimPolicy policy = ExpiredClaimPolicy.valueOf(required(options, "policy"));
		EffectDefinition definition = EffectDefinition
			.of(required(options, "run"), required(options, "step"), required(options, "business-key"))
			.withLease(lease)
			.withOnExpiredClaim(policy);
		Charge payload = new Charge(required(options, "order"), Long.parseLong(required(options, "amount-cents")));
		JdbcEffectStore store = new JdbcEffectStore(dataSource(options));
		store.verifySchema();
		EffectTemplate template = new EffectTemplate(store, JsonMapper.builder().build(), EffectMetrics.NONE, lease);
		System.out.println("pid " + ProcessHandle.current().pid() + " executing " + definition.key() + " with " + policy
				+ ", crashing " + point.argument());
		String result = template.execute(definition, payload, String.class, (context) -> {
			System.out.println("claimed: " + context);
			if (point == CrashPoint.AFTER_CLAIM) {
				stopHere(markers, point, context.idempotencyKey(), null);
			}
			String charge = ExternalEffect.perform(effects);
			System.out.println("effect performed: " + charge);
			if (point == CrashPoint.AFTER_EFFECT) {
				stopHere(markers, point, context.idempotencyKey(), charge);
			}
			return charge;
		});
		System.out.println("completed: " + result);
		stopHere(markers, point, definition.key().effectId(), result);
	}

	private static void stopHere(Path markers, CrashPoint point, String key, String result) {
		Properties marker = new Properties();
		marker.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
		marker.setProperty("key", key);
		if (result != null) {
			marker.setProperty("result", result);
		}
		ExternalEffect.writeAtomically(markers.resolve(point.markerName()), marker);
		System.out.println("at " + point.argument() + ", waiting to be killed");
		System.out.flush();
		while (true) {
			try {
				Thread.sleep(60_000);
			}
			catch (InterruptedException ex) {
				// only SIGKILL ends this process
			}
		}
	}

	private static DataSource dataSource(Map<String, String> options) {
		String sqlite = options.get("sqlite");
		if (sqlite != null) {
			return SqliteDataSources.create(Path.of(sqlite), Duration.ofSeconds(10), 2);
		}
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(required(options, "jdbc-url"));
		config.setUsername(options.get("user"));
		config.setPassword(System.getenv(PASSWORD_VARIABLE));
		config.setMaximumPoolSize(2);
		return new HikariDataSource(config);
	}

	private static Map<String, String> parse(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'");
			}
			options.put(arg.substring(2, equals), arg.substring(equals + 1));
		}
		return options;
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("Missing --" + name + "=...");
		}
		return value;
	}

}
