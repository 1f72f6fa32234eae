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

import java.sql.SQLException;

/**
 * Recognizes SQLite's "database is busy/locked" errors ({@code SQLITE_BUSY},
 * {@code SQLITE_LOCKED} and their extended codes) by result code, anywhere in a cause
 * chain.
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
