package io.driftq.demo.e2e;

/**
 * {@link WorkerKillScenario} on the real PostgreSQL server of {@code DRIFTQ_TEST_POSTGRES_URL} (which
 * {@code .ci/run} provides), in a fresh schema.
 */
class PostgresWorkerKillIT extends WorkerKillScenario {

	@Override
	DemoStack newStack() {
		return PostgresSchemas.freshStack("kill-postgres");
	}

}
