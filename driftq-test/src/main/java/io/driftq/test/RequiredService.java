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

package io.driftq.test;

import java.util.Locale;
import java.util.Map;

import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a test does when a server it needs (DriftQ, PostgreSQL, ...) is missing:
 * with {@code CI=true} the test fails, because nothing may be skipped silently on CI;
 * otherwise it is aborted (reported as skipped) so a laptop without the server can still
 * run the rest of the build.
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 */
public final class RequiredService {

	private static final Logger logger = LoggerFactory.getLogger(RequiredService.class);

	private RequiredService() {
	}

	/**
	 * Report that a required service is missing. Never returns normally: it throws an
	 * {@link IllegalStateException} (test fails) when running on CI and a
	 * {@link TestAbortedException} (test skipped) otherwise. Declared to return the
	 * exception so callers can write {@code throw RequiredService.missing("...")} and
	 * keep the compiler's flow analysis happy.
	 * @param what what is missing and how to provide it, e.g.
	 * {@code "PostgreSQL: set DRIFTQ_TEST_JDBC_URL"}
	 * @return never returns
	 */
	public static RuntimeException missing(String what) {
		RuntimeException exception = exceptionFor(what, System.getenv());
		if (exception instanceof TestAbortedException) {
			// Surefire does not count a class aborted in @BeforeAll as skipped, so say it
			// here
			logger.warn(exception.getMessage());
		}
		throw exception;
	}

	/**
	 * Return whether the current process runs on CI, i.e. the environment variable
	 * {@code CI} is {@code true}.
	 * @return {@code true} on CI
	 */
	public static boolean isCi() {
		return isCi(System.getenv());
	}

	static RuntimeException exceptionFor(String what, Map<String, String> environment) {
		if (isCi(environment)) {
			return new IllegalStateException(
					"Required service missing and CI=true, so this test may not be skipped: " + what);
		}
		return new TestAbortedException("Required service missing (set CI=true to fail instead of skipping): " + what);
	}

	static boolean isCi(Map<String, String> environment) {
		String ci = environment.get("CI");
		if (ci == null) {
			return false;
		}
		String value = ci.trim().toLowerCase(Locale.ROOT);
		return value.equals("true") || value.equals("1") || value.equals("yes");
	}

}
