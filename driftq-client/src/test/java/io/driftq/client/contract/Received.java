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

package io.driftq.client.contract;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.driftq.client.ConsumeSubscription;
import io.driftq.client.model.ConsumedMessage;

/**
 * Drains a subscription on its own thread into a list that tests wait on with Awaitility.
 */
final class Received implements AutoCloseable {

	private final List<ConsumedMessage> messages = new CopyOnWriteArrayList<>();

	private final ConsumeSubscription subscription;

	private final Thread drainer;

	private volatile boolean running = true;

	Received(ConsumeSubscription subscription, Consumer<ConsumedMessage> onMessage) {
		this.subscription = subscription;
		this.drainer = new Thread(() -> {
			while (this.running) {
				try {
					ConsumedMessage message = subscription.poll(Duration.ofMillis(100));
					if (message != null) {
						this.messages.add(message);
						onMessage.accept(message);
					}
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "received-" + subscription.options().owner());
		this.drainer.setDaemon(true);
		this.drainer.start();
	}

	static Received of(ConsumeSubscription subscription) {
		return new Received(subscription, (message) -> {
		});
	}

	List<ConsumedMessage> messages() {
		return this.messages;
	}

	int size() {
		return this.messages.size();
	}

	List<String> values() {
		return this.messages.stream().map(ConsumedMessage::value).toList();
	}

	ConsumeSubscription subscription() {
		return this.subscription;
	}

	@Override
	public void close() {
		this.running = false;
		this.subscription.close();
		try {
			this.drainer.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
