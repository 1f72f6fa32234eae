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

package io.driftq.benchmarks.worker;

/**
 * A worker that runs on threads of the benchmark's own JVM: its CPU cannot be told apart
 * from the benchmark's, and a failure on one of its threads fails the phase.
 */
abstract class InProcessWorker implements DrainedWorker {

	private volatile Throwable failure;

	private volatile boolean stopped;

	/** Whether {@link #stop()} was called: the worker threads end their loops. */
	protected boolean stopped() {
		return this.stopped;
	}

	/** Tells the worker threads to stop; {@code close()} calls it before joining them. */
	protected void stop() {
		this.stopped = true;
	}

	/**
	 * Records why a worker thread stopped, unless the worker is being closed.
	 * @param ex what was thrown
	 */
	protected void fail(Throwable ex) {
		if (!this.stopped) {
			this.failure = ex;
		}
	}

	@Override
	public void checkAlive() {
		Throwable failed = this.failure;
		if (failed != null) {
			throw new IllegalStateException("The " + name() + " failed: " + failed, failed);
		}
	}

	@Override
	public long cpuNanos() {
		return -1;
	}

}
