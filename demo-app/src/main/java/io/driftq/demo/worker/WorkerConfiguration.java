package io.driftq.demo.worker;

import java.util.function.Consumer;

import io.driftq.demo.Command;
import io.driftq.demo.events.RunEvents;
import io.driftq.demo.runs.RunRepository;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.messaging.Message;

/**
 * The worker role: a {@code Consumer<Message<byte[]>>} that reads each {@link Command} and hands it to the
 * {@link CommandHandler}, bound to {@code sidefx.commands} by the DriftQ binder (binding
 * {@value #BINDING}, see {@code application.yml}). Absent from the {@code api} profile.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!api")
class WorkerConfiguration {

	static final String BINDING = "handleCommand-in-0";

	@Bean
	CommandHandler commandHandler(ChargeService charges, RunEvents events, RunRepository runs, DeadLetters deadLetters,
			JsonMapper json, BindingServiceProperties bindings, WorkerCrash crash) {
		ConsumerProperties consumer = bindings.getConsumerProperties(BINDING);
		RetryDelays delays = new RetryDelays(consumer.getBackOffInitialInterval(), consumer.getBackOffMultiplier(),
				consumer.getBackOffMaxInterval());
		return new CommandHandler(charges, events, runs, deadLetters, json, delays,
				() -> crash.now("after the side effect, before the ack"));
	}

	@Bean
	Consumer<Message<byte[]>> handleCommand(JsonMapper json, CommandHandler handler, DeadLetters deadLetters) {
		return new CommandReader(json, handler, deadLetters);
	}

}
