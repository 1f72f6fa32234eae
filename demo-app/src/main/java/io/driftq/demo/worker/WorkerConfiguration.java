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

/**
 * The worker role: a {@code Consumer<Command>} bound to {@code sidefx.commands} by the DriftQ binder (binding
 * {@value #BINDING}, see {@code application.yml}). Absent from the {@code api} profile.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!api")
class WorkerConfiguration {

	static final String BINDING = "handleCommand-in-0";

	/** Exit status of the on-purpose crash, as the Python worker's {@code os._exit(137)}. */
	static final int CRASH_STATUS = 137;

	@Bean
	CommandHandler commandHandler(ChargeService charges, RunEvents events, RunRepository runs, DeadLetters deadLetters,
			JsonMapper json, BindingServiceProperties bindings) {
		ConsumerProperties consumer = bindings.getConsumerProperties(BINDING);
		RetryDelays delays = new RetryDelays(consumer.getBackOffInitialInterval(), consumer.getBackOffMultiplier(),
				consumer.getBackOffMaxInterval());
		// halt, not exit: no shutdown hooks, no graceful unbinding, no ack; as abrupt as kill -9
		return new CommandHandler(charges, events, runs, deadLetters, json, delays,
				() -> Runtime.getRuntime().halt(CRASH_STATUS));
	}

	@Bean
	Consumer<Command> handleCommand(CommandHandler handler) {
		return handler::handle;
	}

}
