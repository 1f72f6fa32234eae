package io.driftq.demo.e2e;

/** {@link KillMidEffectScenario} on PostgreSQL, in a fresh schema. */
class PostgresKillMidEffectIT extends KillMidEffectScenario {

	@Override
	DemoStack newStack() {
		return PostgresSchemas.freshStack("mid-effect-postgres");
	}

}
