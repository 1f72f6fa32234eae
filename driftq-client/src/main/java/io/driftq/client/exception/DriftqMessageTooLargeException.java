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

package io.driftq.client.exception;

/**
 * A message whose key + value exceed the largest the server can ever accept (65 535 UTF-8
 * bytes on the pinned server, the discovered {@code max_partition_bytes} - 1 on newer
 * ones). DriftQ answers such a produce with 429 forever, so the client refuses it before
 * sending and never retries it.
 */
public class DriftqMessageTooLargeException extends DriftqException {

	private final int size;

	public DriftqMessageTooLargeException(String topic, int size, int limit) {
		super("message for topic '" + topic + "' is too large: key + value = " + size
				+ " bytes, DriftQ accepts at most " + limit + " bytes", 0, null, null, null);
		this.size = size;
	}

	/**
	 * Key + value size in UTF-8 bytes.
	 * @return the size
	 */
	public int getSize() {
		return this.size;
	}

}
