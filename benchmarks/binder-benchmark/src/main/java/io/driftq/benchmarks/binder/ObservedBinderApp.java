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

package io.driftq.benchmarks.binder;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The binder path's application with observation on ({@code observation=on}): the same
 * function and ack hook as {@link BinderApp}, plus an {@link ObservationRegistry} whose
 * {@link DefaultMeterObservationHandler} records a timer (and a long task timer) per
 * observation in a {@link SimpleMeterRegistry}, the handler Spring Boot's actuator
 * registers. The meter registry is not a bean, so the binder's own Micrometer meters stay
 * off on both binder paths and only observation differs between them.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ObservedBinderApp extends BinderApp {

	@Bean
	ObservationRegistry observationRegistry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
		return registry;
	}

}
