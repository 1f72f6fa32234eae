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

package io.driftq.idempotent;

/**
 * What happens when a duplicate finds a CLAIMED effect whose lease expired.
 */
public enum ExpiredClaimPolicy {

	/**
	 * Take the claim over (new fencing token) and run the effect again with the same
	 * downstream key.
	 */
	RERUN,

	/**
	 * Store UNKNOWN and throw {@link EffectOutcomeUnknownException}; an operator or
	 * reconciler decides.
	 */
	MARK_UNKNOWN,

	/**
	 * Take the claim over and ask the {@link EffectReconciler} bean that supports the
	 * step: the effect happened (store its result, do not run it), did not happen (run
	 * it, same downstream key), or is unknown (park it).
	 */
	RECONCILE

}
