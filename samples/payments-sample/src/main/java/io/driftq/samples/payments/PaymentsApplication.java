package io.driftq.samples.payments;

import java.util.function.Consumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A payments worker: {@code pay} takes {@link PayCommand}s from DriftQ and charges each order once. */
@SpringBootApplication
public class PaymentsApplication {

	public static void main(String[] args) {
		SpringApplication.run(PaymentsApplication.class, args);
	}

	// integrate.md, step 4: consume with a Consumer<Command>
	@Bean
	Consumer<PayCommand> pay(PaymentService payments) {
		return payments::pay;
	}

}
