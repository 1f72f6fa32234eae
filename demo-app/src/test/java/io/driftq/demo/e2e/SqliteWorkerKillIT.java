package io.driftq.demo.e2e;

/** {@link WorkerKillScenario} on the default SQLite file shared by the API and both workers. */
class SqliteWorkerKillIT extends WorkerKillScenario {

	@Override
	DemoStack newStack() {
		return DemoStack.onSqlite("kill-sqlite");
	}

}
