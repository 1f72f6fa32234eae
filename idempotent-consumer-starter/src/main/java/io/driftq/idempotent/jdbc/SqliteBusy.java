package io.driftq.idempotent.jdbc;

import java.sql.SQLException;

/**
 * Recognizes SQLite's "database is busy/locked" errors ({@code SQLITE_BUSY}, {@code SQLITE_LOCKED} and their extended
 * codes) by result code, anywhere in a cause chain.
 */
final class SqliteBusy {

	private static final int SQLITE_BUSY = 5;

	private static final int SQLITE_LOCKED = 6;

	private SqliteBusy() {
	}

	static boolean isBusy(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof org.sqlite.SQLiteException sqlite) {
				int primary = sqlite.getResultCode().code & 0xff;
				if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
					return true;
				}
			}
			else if (cause instanceof SQLException sql && sql.getClass().getName().startsWith("org.sqlite")) {
				int primary = sql.getErrorCode() & 0xff;
				if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
					return true;
				}
			}
		}
		return false;
	}

}
