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
 * The effect store is misconfigured: the application cannot start safely. The message's
 * first line names the property (or dependency) and the fix; Spring Boot's failure
 * analysis prints it as the description and {@link #getAction()} as the action.
 */
public class EffectStoreConfigurationException extends IllegalStateException {

	private final String action;

	/**
	 * @param message what is wrong, first line naming the property and the fix
	 * @param action what to do
	 */
	public EffectStoreConfigurationException(String message, String action) {
		super(message);
		this.action = action;
	}

	/**
	 * @return what to do about it
	 */
	public String getAction() {
		return this.action;
	}

}
