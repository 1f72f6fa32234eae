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

package io.driftq.idempotent.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Retention of completed effects.
 */
public class EffectRetentionProperties {

	/**
	 * How long SUCCEEDED and FAILED rows are kept; unset keeps them forever. CLAIMED and
	 * UNKNOWN rows are never deleted.
	 */
	private @Nullable Duration ttl;

	/**
	 * How often the reaper runs.
	 */
	private Duration interval = Duration.ofHours(1);

	/**
	 * Rows deleted (or archived) per transaction.
	 */
	private int batchSize = 500;

	/**
	 * What happens to expired SUCCEEDED and FAILED rows: delete, or archive (moved into
	 * driftq_effect_archive with archived_at, copy and delete in one transaction per
	 * batch; the table is checked at startup). Either way the row no longer deduplicates:
	 * a duplicate arriving later runs the effect again, so the TTL must exceed the
	 * longest redelivery window.
	 */
	private CompletionMode completionMode = CompletionMode.DELETE;

	public CompletionMode getCompletionMode() {
		return this.completionMode;
	}

	public void setCompletionMode(CompletionMode completionMode) {
		this.completionMode = completionMode;
	}

	public @Nullable Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(@Nullable Duration ttl) {
		this.ttl = ttl;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public int getBatchSize() {
		return this.batchSize;
	}

	public void setBatchSize(int batchSize) {
		this.batchSize = batchSize;
	}

	/**
	 * What the retention reaper does with expired finished effects.
	 */
	public enum CompletionMode {

		/** Delete them. */
		DELETE,

		/**
		 * Move them into driftq_effect_archive (copy and delete in one transaction per
		 * batch).
		 */
		ARCHIVE

	}

}
