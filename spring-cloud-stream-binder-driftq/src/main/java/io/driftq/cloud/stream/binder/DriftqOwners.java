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

package io.driftq.cloud.stream.binder;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Owner ids of consume streams: {@code <host>-<binder instance>-<n>}, unique to the
 * instance, so that DriftQ's leases of one stream are never taken for another's. A
 * binding keeps its owners across stop/start.
 */
final class DriftqOwners {

	/** Numbers the consume streams of this JVM (push and polled). */
	private static final AtomicInteger STREAMS = new AtomicInteger();

	private static final String HOST = hostName();

	private final String instanceId;

	private final int base;

	private DriftqOwners(String instanceId, int base) {
		this.instanceId = instanceId;
		this.base = base;
	}

	/** {@code count} owners for one binding of binder instance {@code instanceId}. */
	static DriftqOwners reserve(String instanceId, int count) {
		return new DriftqOwners(instanceId, STREAMS.getAndAdd(Math.max(1, count)));
	}

	/** The owner of the binding's {@code index}-th stream. */
	String owner(int index) {
		return HOST + "-" + this.instanceId + "-" + (this.base + index);
	}

	private static String hostName() {
		String host = System.getenv("HOSTNAME");
		if (host == null || host.isBlank()) {
			try {
				host = java.net.InetAddress.getLocalHost().getHostName();
			}
			catch (java.io.IOException | RuntimeException ex) {
				host = "localhost";
			}
		}
		return host.replaceAll("[^A-Za-z0-9._-]", "_");
	}

}
