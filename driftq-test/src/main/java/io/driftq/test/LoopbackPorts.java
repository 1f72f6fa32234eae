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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Ports on the loopback address a {@link DriftqServer} listens on: finding a free one and
 * probing whether one is free.
 *
 * @author DriftQ for Spring
 * @since 0.1.0
 */
final class LoopbackPorts {

	/**
	 * The address every {@link DriftqServer} binds to.
	 */
	static final String LOOPBACK = "127.0.0.1";

	private LoopbackPorts() {
	}

	/**
	 * Return the base URL of a server's HTTP API, {@code http://127.0.0.1:<port>},
	 * without a trailing slash.
	 * @param port the server's port
	 * @return the base URL
	 */
	static String baseUrl(int port) {
		return "http://" + LOOPBACK + ":" + port;
	}

	/**
	 * Return a port that is free on {@link #LOOPBACK} right now.
	 * @return the port
	 */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot find a free port on " + LOOPBACK, ex);
		}
	}

	/**
	 * Return whether {@code driftqd} could bind {@code port} on {@link #LOOPBACK} right
	 * now.
	 * @param port the port
	 * @return {@code true} if the port is free
	 */
	static boolean isPortFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			// driftqd (Go) binds with SO_REUSEADDR, so TIME_WAIT connections do not block
			// it; probe the same way
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
