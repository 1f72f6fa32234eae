package io.driftq.demo.e2e;

/** {@link KillMidEffectScenario} on the default SQLite file shared by the API and both workers. */
class SqliteKillMidEffectIT extends KillMidEffectScenario {

	@Override
	DemoStack newStack() {
		return DemoStack.onSqlite("mid-effect-sqlite");
	}

}
