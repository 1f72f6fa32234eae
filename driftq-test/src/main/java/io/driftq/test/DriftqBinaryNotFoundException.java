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

/**
 * Thrown when no {@code driftqd} executable can be found or installed. The message lists
 * every place that was tried and, when {@code go install} ran, its output.
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 */
public class DriftqBinaryNotFoundException extends RuntimeException {

	/**
	 * Create an exception with the given description.
	 * @param message what was tried and why it failed
	 */
	public DriftqBinaryNotFoundException(String message) {
		super(message);
	}

}
