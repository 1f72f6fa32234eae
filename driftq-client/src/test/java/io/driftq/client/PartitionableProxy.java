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

package io.driftq.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of a server that can simulate a network partition, as when a
 * broker's container goes away with its address: {@link #partition()} stops forwarding
 * without closing anything (open connections go silent) and makes new connections time
 * out (a listener with a full accept queue); {@link #heal()} forwards again.
 */
final class PartitionableProxy implements AutoCloseable {

	private final int targetPort;

	private final int port;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile boolean partitioned;

	private volatile ServerSocket listener;

	private volatile Thread acceptor;

	private final List<Socket> queueFillers = new CopyOnWriteArrayList<>();

	PartitionableProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		ServerSocket first = bind(0, 50);
		this.port = first.getLocalPort();
		listen(first);
	}

	int port() {
		return this.port;
	}

	/** Open connections go silent; new ones time out while connecting. */
	synchronized void partition() throws IOException {
		this.partitioned = true;
		stopListening();
		// backlog 1 and never accepted: two connections fill the accept queue, later SYNs
		// are dropped
		ServerSocket blackhole = bind(this.port, 1);
		this.listener = blackhole;
		for (int i = 0; i < 3; i++) {
			Socket filler = new Socket();
			this.queueFillers.add(filler);
			try {
				filler.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 300);
			}
			catch (java.net.SocketTimeoutException ex) {
				// the queue is full
			}
		}
	}

	/**
	 * Forward again (connections opened during the partition stay silent, as their
	 * packets were lost).
	 */
	synchronized void heal() throws IOException {
		stopListening();
		closeFillers();
		ServerSocket healed = bind(this.port, 50);
		this.partitioned = false;
		listen(healed);
	}

	/**
	 * The port is still used by the connections accepted before: rebinding needs
	 * SO_REUSEADDR.
	 */
	private static ServerSocket bind(int port, int backlog) throws IOException {
		ServerSocket serverSocket = new ServerSocket();
		serverSocket.setReuseAddress(true);
		serverSocket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
		return serverSocket;
	}

	private void closeFillers() throws IOException {
		for (Socket filler : this.queueFillers) {
			filler.close();
		}
		this.queueFillers.clear();
	}

	private void listen(ServerSocket serverSocket) {
		this.listener = serverSocket;
		Thread acceptor = new Thread(() -> {
			while (!serverSocket.isClosed()) {
				try {
					Socket client = serverSocket.accept();
					Socket server = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
					this.sockets.add(client);
					this.sockets.add(server);
					pipe(client, server);
					pipe(server, client);
				}
				catch (IOException ex) {
					// closed by partition(), heal() or close()
				}
			}
		}, "proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
		this.acceptor = acceptor;
	}

	/**
	 * Closing a listener another thread accepts on releases its port only once that
	 * thread has left accept.
	 */
	private void stopListening() throws IOException {
		this.listener.close();
		Thread current = this.acceptor;
		if (current != null) {
			try {
				current.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.acceptor = null;
		}
	}

	private void pipe(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[8192];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					if (!this.partitioned) {
						out.write(buffer, 0, read);
						out.flush();
					}
					// else: lost packets
				}
				to.shutdownOutput();
			}
			catch (IOException ex) {
				// a side closed
			}
		}, "proxy-pipe");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void close() throws IOException {
		this.listener.close();
		closeFillers();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
