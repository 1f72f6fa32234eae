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

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kills every {@code driftqd} process still registered when the JVM exits, so that no
 * server outlives the test run (unless the JVM itself is killed with {@code SIGKILL}).
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 */
final class ServerReaper {

	private static final Set<Process> live = ConcurrentHashMap.newKeySet();

	private static final AtomicBoolean shutdownHookInstalled = new AtomicBoolean();

	private ServerReaper() {
	}

	/**
	 * Install the shutdown hook, once per JVM.
	 */
	static void install() {
		if (shutdownHookInstalled.compareAndSet(false, true)) {
			Runtime.getRuntime().addShutdownHook(new Thread(ServerReaper::killAll, "driftq-server-reaper"));
		}
	}

	/**
	 * Register a process that was just started.
	 * @param process the process
	 */
	static void register(Process process) {
		live.add(process);
	}

	/**
	 * Forget a process that has been stopped, killed or has exited.
	 * @param process the process
	 */
	static void unregister(Process process) {
		live.remove(process);
	}

	private static void killAll() {
		for (Process process : live) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		}
	}

}
