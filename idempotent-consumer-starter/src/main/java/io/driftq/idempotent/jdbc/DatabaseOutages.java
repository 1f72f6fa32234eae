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
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a database failure means "try again": the database cannot be reached (an
 * outage) rather than a problem with the statement, the schema or the configuration; or a
 * schema script lost a race with another instance.
 */
public final class DatabaseOutages {

	private DatabaseOutages() {
	}

	/**
	 * @param failure a failure of a database call
	 * @return whether it, or a cause, is a connection failure, a pool timeout, a
	 * statement timeout or an SQL state of class 08 (connection exception)
	 */
	public static boolean isOutage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessResourceException || cause instanceof QueryTimeoutException
					|| cause instanceof CannotCreateTransactionException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @param failure a failure of a schema script ({@code CREATE ... IF NOT EXISTS})
	 * @return whether it lost a race with another instance creating the same objects:
	 * PostgreSQL's {@code IF NOT
	 * EXISTS} is not safe against a concurrent one (SQL state 23505 on its catalog,
	 * 42P07, 42710); running the script again finds them made
	 */
	public static boolean isConcurrentSchemaCreation(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null && ("23505".equals(sql.getSQLState())
					|| "42P07".equals(sql.getSQLState()) || "42710".equals(sql.getSQLState()))) {
				return true;
			}
		}
		return false;
	}

}
