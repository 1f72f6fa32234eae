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

import java.time.Duration;
import java.util.List;

import io.driftq.idempotent.EffectInProgressException;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deferred exceptions are matched by class name anywhere in the cause chain, superclasses
 * included.
 */
class DeferredExceptionsTests {

	private final DeferredExceptions deferred = new DeferredExceptions(
			List.of("io.driftq.idempotent.EffectInProgressException"), Duration.ofMillis(750));

	static class SubclassWithoutWait extends EffectInProgressException {

		SubclassWithoutWait() {
			super("busy", null);
		}

	}

	@Test
	void theWaitIsTheExceptionsRetryAfterBelowSpringsWrapper() {
		Exception wrapped = new MessageHandlingException(new GenericMessage<>("x"),
				new IllegalStateException("outer", new EffectInProgressException("busy", Duration.ofSeconds(3))));
		assertThat(this.deferred.waitFor(wrapped)).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void aSubclassMatchesAndWithoutAWaitTheDefaultApplies() {
		assertThat(this.deferred.waitFor(new SubclassWithoutWait())).isEqualTo(Duration.ofMillis(750));
	}

	@Test
	void otherExceptionsAreNotDeferred() {
		assertThat(this.deferred.waitFor(new IllegalStateException("boom"))).isNull();
		assertThat(new DeferredExceptions(List.of(), Duration.ZERO)
			.waitFor(new EffectInProgressException("busy", Duration.ofSeconds(1)))).isNull();
	}

}
