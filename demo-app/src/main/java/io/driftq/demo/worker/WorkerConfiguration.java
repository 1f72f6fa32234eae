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

package io.driftq.demo.worker;

import java.time.Duration;
import java.util.function.Consumer;

import io.driftq.demo.Command;
import io.driftq.demo.events.RunEvents;
import io.driftq.demo.events.TraceIds;
import io.driftq.demo.runs.RunRepository;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.messaging.Message;

/**
 * The worker role: a {@code Consumer<Message<byte[]>>} that reads each {@link Command}
 * and hands it to the {@link CommandHandler}, bound to {@code sidefx.commands} by the
 * DriftQ binder (binding {@value #BINDING}, see {@code application.yml}). Absent from the
 * {@code api} profile.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!api")
class WorkerConfiguration {

	static final String BINDING = "handleCommand-in-0";

	@Bean
	RunEventQueue runEventQueue(RunEvents events, WorkerProperties worker, TraceIds traceIds) {
		return new RunEventQueue(events, worker.eventSenders(), worker.maxPendingEvents(), Duration.ofSeconds(10),
				traceIds);
	}

	@Bean
	CommandHandler commandHandler(ChargeService charges, RunEventQueue events, RunRepository runs,
			DeadLetters deadLetters, JsonMapper json, BindingServiceProperties bindings, WorkerCrash crash,
			WorkerProperties worker) {
		ConsumerProperties consumer = bindings.getConsumerProperties(BINDING);
		RetryDelays delays = new RetryDelays(consumer.getBackOffInitialInterval(), consumer.getBackOffMultiplier(),
				consumer.getBackOffMaxInterval());
		return new CommandHandler(charges, events, runs, deadLetters, json, delays, (topic) -> {
			events.awaitSent(topic);
			crash.now("after the side effect, before the ack");
		}, worker.unknownRuns());
	}

	@Bean
	Consumer<Message<byte[]>> handleCommand(JsonMapper json, CommandHandler handler, DeadLetters deadLetters) {
		return new CommandReader(json, handler, deadLetters);
	}

}
