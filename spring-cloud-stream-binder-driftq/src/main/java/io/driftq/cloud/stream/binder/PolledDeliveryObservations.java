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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.driftq.client.model.ConsumedMessage;
import io.driftq.cloud.stream.binder.observation.DriftqBinderObservations;
import io.driftq.cloud.stream.binder.observation.DriftqReceiverContext;
import io.micrometer.observation.Observation;

import org.springframework.messaging.Message;

/**
 * The consumer observations of a polled binding: one per delivery handed out by
 * {@code receive()}, the same {@code driftq.consumer} observation (convention, keys,
 * trace context read from the headers restored from the embedded headers) as a push
 * binding's. It starts when the message is handed out, so Spring Cloud Stream's
 * conversion and the application's handler run in its scope on the polling thread, and it
 * stops when the delivery is settled (the auto-ack after the handler, the failure model
 * after the in-process retries, a deferral); a failure that is not a deferral is recorded
 * on it. A delivery the handler returned without settling ({@code noAutoAck()}) has its
 * scope closed when the next poll on that thread begins (a scope can only be closed on
 * its own thread) and its observation stopped when the application settles it.
 * <p>
 * Only built when observation is on: with it off the polled source keeps no map and calls
 * nothing per message.
 */
final class PolledDeliveryObservations {

	private final DriftqBinderObservations observations;

	private final String bindingName;

	/** The delivery whose scope is open on this (polling) thread. */
	private final ThreadLocal<Open> openHere = new ThreadLocal<>();

	/** partition@offset → the observation of a delivery handed out and not settled. */
	private final Map<String, Open> unsettled = new ConcurrentHashMap<>();

	PolledDeliveryObservations(DriftqBinderObservations observations, String bindingName) {
		this.observations = observations;
		this.bindingName = bindingName;
	}

	/**
	 * A poll begins on this thread: a scope the last delivery left open here (not
	 * settled) is closed.
	 */
	void beforeReceive() {
		Open previous = this.openHere.get();
		if (previous != null) {
			this.openHere.remove();
			previous.scope.close();
		}
	}

	/**
	 * {@code message} (of {@code consumed}, at {@code position}) is handed out on this
	 * thread.
	 */
	void handedOut(String position, ConsumedMessage consumed, Message<?> message) {
		Observation observation = this.observations
			.consumer(new DriftqReceiverContext(message, consumed, this.bindingName,
					this.observations.isMessageKeyObserved()))
			.start();
		Open open = new Open(observation, observation.openScope(), Thread.currentThread());
		this.openHere.set(open);
		this.unsettled.put(position, open);
	}

	/**
	 * The handler of the delivery at {@code position} failed (not a deferral): recorded
	 * before it is settled.
	 */
	void failed(String position, Throwable failure) {
		Open open = this.unsettled.get(position);
		if (open != null) {
			open.observation.error(failure);
		}
	}

	/**
	 * The delivery at {@code position} is settled: its observation stops (and its scope
	 * closes, on its thread).
	 */
	void settled(String position) {
		Open open = this.unsettled.remove(position);
		if (open == null) {
			return;
		}
		if (open.thread == Thread.currentThread() && this.openHere.get() == open) {
			this.openHere.remove();
			open.scope.close();
		}
		open.observation.stop();
	}

	/**
	 * The binding stops: observations of deliveries never settled here stop too (DriftQ
	 * redelivers them).
	 */
	void stopUnsettled() {
		this.unsettled.keySet().forEach(this::settledElsewhere);
	}

	private void settledElsewhere(String position) {
		Open open = this.unsettled.remove(position);
		if (open != null) {
			open.observation.stop();
		}
	}

	private record Open(Observation observation, Observation.Scope scope, Thread thread) {
	}

}
