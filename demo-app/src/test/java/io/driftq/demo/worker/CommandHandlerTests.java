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

import java.util.List;

import io.driftq.demo.Command;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandHandlerTests {

	private static Command command(String runId, String type, String step, String businessKey) {
		return new Command(1L, type, runId, null, step, businessKey, 1.0, 0, 5, 0, "none");
	}

	@Test
	void aCommandOfThePythonShapeIsValid() {
		assertThat(CommandHandler.invalidReason(command("r1", "run.command", "charge_card", "o-1"))).isNull();
		assertThat(CommandHandler.invalidReason(command("r1", null, null, "o-1"))).as("type and step default").isNull();
	}

	@Test
	void aCommandThatCannotBeHandledSaysWhy() {
		assertThat(CommandHandler.invalidReason(command(null, "run.command", "charge_card", "o-1")))
			.isEqualTo("command has no run_id");
		assertThat(CommandHandler.invalidReason(command("r1", "run.command", "charge_card", " ")))
			.isEqualTo("command has no business_key");
		assertThat(CommandHandler.invalidReason(command("r1", "other", "charge_card", "o-1"))).contains("'other'");
		assertThat(CommandHandler.invalidReason(command("r1", "run.command", "ship", "o-1")))
			.isEqualTo("unknown step_id 'ship'");
	}

	@Test
	void aRunIdTheApiCouldNotAddressIsInvalid() {
		for (String runId : List.of("a;b", "a/b", "..", "a b", "\u00e9", "a".repeat(65))) {
			assertThat(CommandHandler.invalidReason(command(runId, "run.command", "charge_card", "o-1"))).as(runId)
				.contains("is not 1-64 ASCII letters");
		}
		for (String runId : List.of("0123456789abcdef0123456789abcdef", "run-1_A.b", "a".repeat(64))) {
			assertThat(CommandHandler.invalidReason(command(runId, "run.command", "charge_card", "o-1"))).as(runId)
				.isNull();
		}
	}

	@Test
	void aCommandNamingAnotherTopicForItsEventsIsInvalid() {
		Command command = new Command(1L, "run.command", "r1", "sidefx.commands", "charge_card", "o-1", 1.0, 0, 5, 0,
				"none");
		assertThat(CommandHandler.invalidReason(command))
			.isEqualTo("events_topic 'sidefx.commands' is not" + " sidefx.events.r1");
		Command own = new Command(1L, "run.command", "r1", "sidefx.events.r1", "charge_card", "o-1", 1.0, 0, 5, 0,
				"none");
		assertThat(CommandHandler.invalidReason(own)).isNull();
		Command infinite = new Command(1L, "run.command", "r1", null, "charge_card", "o-1", Double.POSITIVE_INFINITY, 0,
				5, 0, "none");
		assertThat(CommandHandler.invalidReason(infinite)).contains("not a finite");
	}

	@Test
	void ticketFileNamesKeepKeysApartThatReadTheSame() {
		assertThat(TicketFiles.fileName("a/b")).isNotEqualTo(TicketFiles.fileName("a_b"));
		assertThat(TicketFiles.fileName("a/b")).startsWith("ticket_a_b-").endsWith(".json");
		assertThat(TicketFiles.fileName("../../etc/passwd")).doesNotContain("/").startsWith("ticket_.._.._etc_passwd-");
		assertThat(TicketFiles.fileName("k".repeat(500))).hasSizeLessThan(130);
	}

	@Test
	void backoffGrowsAndIsCapped() {
		RetryDelays delays = new RetryDelays(500, 2.0, 5000);
		assertThat(delays.secondsBefore(1)).isEqualTo(0.5);
		assertThat(delays.secondsBefore(2)).isEqualTo(1.0);
		assertThat(delays.secondsBefore(10)).isEqualTo(5.0);
	}

}
