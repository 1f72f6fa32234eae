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

package io.driftq.demo.worker;

/**
 * The binder's in-process backoff, reported in {@code retry.considered} events as
 * {@code backoff_s}: the planned wait before attempt {@code n} (the nack delay between
 * deliveries is not included).
 *
 * @param initialMs the first backoff
 * @param multiplier growth per attempt
 * @param maxMs the cap
 */
record RetryDelays(long initialMs, double multiplier, long maxMs) {

	double secondsBefore(int attempt) {
		double ms = this.initialMs * Math.pow(this.multiplier, Math.max(0, attempt - 1));
		return Math.round(Math.min(ms, this.maxMs) / 10.0) / 100.0;
	}

}
