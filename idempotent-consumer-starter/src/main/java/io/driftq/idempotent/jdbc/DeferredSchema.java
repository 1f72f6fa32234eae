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

import io.driftq.idempotent.EffectStoreUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Schema work (initialization, verification) that could not run at startup because the
 * effect store's database did not answer. It runs before the first claim instead; until
 * it has, a claim fails with {@link EffectStoreUnavailableException}, which a consumer
 * treats as "not yet" (the DriftQ binder defers it), so the application starts and waits
 * for its database instead of failing to start.
 */
final class DeferredSchema {

	private static final Log logger = LogFactory.getLog(DeferredSchema.class);

	private final Runnable work;

	private volatile boolean done;

	DeferredSchema(Runnable work) {
		this.work = work;
	}

	/**
	 * Runs the schema work unless it has run.
	 * @param effectId the effect about to be claimed (for the exception)
	 * @throws EffectStoreUnavailableException while the database still does not answer
	 */
	void ensureDone(String effectId) {
		if (this.done) {
			return;
		}
		synchronized (this) {
			if (this.done) {
				return;
			}
			try {
				this.work.run();
			}
			catch (RuntimeException ex) {
				if (DatabaseOutages.isOutage(ex)) {
					throw new EffectStoreUnavailableException(effectId, "The effect store's database has not answered "
							+ "since startup, so its schema is not initialized yet; the effect did not run, try again "
							+ "later", ex);
				}
				throw ex;
			}
			this.done = true;
			logger.info("The idempotent effect store's database answers: its schema is initialized and verified");
		}
	}

}
