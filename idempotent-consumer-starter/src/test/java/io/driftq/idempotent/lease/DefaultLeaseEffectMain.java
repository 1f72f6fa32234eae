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

package io.driftq.idempotent.lease;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.driftq.idempotent.EffectDefinition;
import io.driftq.idempotent.EffectTemplate;
import io.driftq.idempotent.autoconfigure.IdempotentEffectAutoConfiguration;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The child JVM of {@link DefaultEffectLeaseTests}: an application with the starter's
 * defaults (lease, renewal) on a SQLite file claims an effect, writes a marker and keeps
 * "running" it until it is killed. Arguments: the SQLite file, the marker file.
 */
public final class DefaultLeaseEffectMain {

	private DefaultLeaseEffectMain() {
	}

	public static void main(String[] args) throws Exception {
		Path marker = Path.of(args[1]);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("driftq.effects.sqlite.path=" + args[0])
			.run();
		EffectTemplate template = context.getBean(EffectTemplate.class);
		template.execute(EffectDefinition.of("run-crash", "charge", "order-1"), "order-1", String.class, (effect) -> {
			Files.writeString(marker, Long.toString(effect.attempt()));
			new CountDownLatch(1).await(); // runs until SIGKILL
			return "unreachable";
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(IdempotentEffectAutoConfiguration.class)
	static class Application {

	}

}
