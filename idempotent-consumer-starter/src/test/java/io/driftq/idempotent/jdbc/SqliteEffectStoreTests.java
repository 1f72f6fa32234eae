package io.driftq.idempotent.jdbc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.driftq.idempotent.EffectKey;
import io.driftq.idempotent.EffectStatus;
import io.driftq.idempotent.EffectStore.ClaimResult;
import io.driftq.idempotent.ExpiredClaimPolicy;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The effect contract on a fresh SQLite file.
 */
class SqliteEffectStoreTests extends EffectStoreContractTests {

	@TempDir
	static Path directory;

	@Override
	protected DataSource createDataSource() {
		return SqliteDataSources.create(directory.resolve("effects.sqlite"), Duration.ofSeconds(10), 4);
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
