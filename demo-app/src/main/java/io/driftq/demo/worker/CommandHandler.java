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

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.driftq.demo.Command;
import io.driftq.demo.RunIds;
import io.driftq.demo.Topics;
import io.driftq.demo.events.RunEvents;
import io.driftq.demo.runs.RunRepository;
import io.driftq.demo.runs.RunStatus;
import io.driftq.idempotent.EffectInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Handles one delivery of a command, telling the story in the run's events as the Python
 * worker does. Retries are the binder's: a failure is thrown back (in-process retries
 * with backoff, then a delayed nack and redelivery by DriftQ) until the run's
 * {@code max_attempts} is used up; then the run goes to {@code sidefx.dlq} and the
 * command is acked.
 */
public class CommandHandler {

	private static final Logger logger = LoggerFactory.getLogger(CommandHandler.class);

	private final ChargeService charges;

	private final RunEventQueue events;

	private final RunRepository runs;

	private final DeadLetters deadLetters;

	private final JsonMapper json;

	private final RetryDelays delays;

	/** Halts the worker once the run's events so far are out (the topic given). */
	private final Consumer<String> crash;

	private final boolean registerUnknownRuns;

	CommandHandler(ChargeService charges, RunEventQueue events, RunRepository runs, DeadLetters deadLetters,
			JsonMapper json, RetryDelays delays, Consumer<String> crash, WorkerProperties.UnknownRuns unknownRuns) {
		this.registerUnknownRuns = unknownRuns == WorkerProperties.UnknownRuns.REGISTER;
		this.charges = charges;
		this.events = events;
		this.runs = runs;
		this.deadLetters = deadLetters;
		this.json = json;
		this.delays = delays;
		this.crash = crash;
	}

	/**
	 * Handles a command.
	 * @param cmd the command
	 */
	public void handle(Command cmd) {
		String invalid = invalidReason(cmd);
		if (invalid != null) {
			// retrying cannot fix it: record it with its reason and ack, never a
			// redelivery loop
			logger.warn("Dead-lettering an unusable command ({}): {}", invalid, cmd);
			this.deadLetters.publish(cmd.runId(), cmd.stepOrDefault(), cmd.businessKey(), cmd.attempt(),
					cmd.maxAttemptsOrDefault(), invalid, cmd);
			return;
		}
		String runId = cmd.runId();
		String step = cmd.stepOrDefault();
		String topic = cmd.eventsTopicOrDefault();
		String prefix = "evt:" + runId + ":" + step + ":";
		int deliveries = this.runs.recordDelivery(runId, step, cmd.attempt(), cmd.businessKey(),
				this.json.writeValueAsString(cmd), this.registerUnknownRuns);
		if (deliveries == 0) {
			String unknown = "unknown run_id '" + runId + "': no run of that id was created through POST /runs"
					+ " (sidefx.worker.unknown-runs=register accepts commands of another API, e.g. the Python starter's)";
			logger.warn("Dead-lettering a command of an unknown run ({})", cmd);
			this.deadLetters.publish(runId, step, cmd.businessKey(), cmd.attempt(), cmd.maxAttemptsOrDefault(), unknown,
					cmd);
			return;
		}
		int attempt = cmd.attempt() + deliveries - 1;
		// at DEBUG (one line per handler call); with Micrometer Tracing the line carries
		// [trace id-span id]
		logger.debug("Handling run {} step {} attempt {}", runId, step, attempt);
		this.events.send(topic, stepEvent("step.started", cmd, attempt), prefix + "started:a" + attempt);
		try {
			run(cmd, attempt, prefix);
		}
		catch (RuntimeException failure) {
			failed(cmd, attempt, prefix, failure);
		}
	}

	private void run(Command cmd, int attempt, String prefix) {
		String topic = cmd.eventsTopicOrDefault();
		if (attempt < cmd.failBeforeEffectN()) {
			Map<String, Object> failed = stepEvent("step.failed", cmd, attempt);
			failed.put("reason", "forced_failure_before_side_effect");
			this.events.send(topic, failed, prefix + "failed_before:a" + attempt);
			throw new ForcedFailureException("forced failure before side effect");
		}
		String invocation = UUID.randomUUID().toString();
		ChargeReceipt receipt;
		CompletableFuture<Void> doneSent = null;
		try {
			receipt = this.charges.charge(cmd, invocation);
		}
		catch (EffectInProgressException ex) {
			this.events.send(topic, skipped(cmd, "already_in_progress", null), prefix + "effect:skipped_in_progress");
			throw ex;
		}
		if (receipt.ranIn(invocation)) {
			Map<String, Object> done = effectEvent("side_effect.done", cmd, receipt.effectId());
			done.put("artifact_path", receipt.artifactPath());
			done.put("charge_id", receipt.chargeId());
			// the story's key event is out before the ack (the rest follows off this
			// thread)
			doneSent = this.events.send(topic, done, prefix + "effect:done");
			if (cmd.crashAfterEffect()) {
				Map<String, Object> chaos = RunEvents.event("chaos.crash_now", cmd.runId());
				chaos.put("note", "crashing worker on purpose after side effect, before ack");
				this.events.send(topic, chaos, prefix + "chaos:crash");
				logger.warn("[chaos] crashing worker NOW (after side effect, before ack) for run {}", cmd.runId());
				this.crash.accept(topic);
			}
		}
		else {
			this.events.send(topic, skipped(cmd, "already_done", receipt.effectId()), prefix + "effect:skipped");
		}
		this.events.send(topic, stepEvent("step.completed", cmd, attempt), prefix + "completed:a" + attempt);
		this.runs.setStatus(cmd.runId(), RunStatus.COMPLETED, null);
		this.events.send(topic, RunEvents.event("run.completed", cmd.runId()), "evt:" + cmd.runId() + ":completed");
		if (doneSent != null) {
			this.events.await(doneSent);
		}
	}

	private void failed(Command cmd, int attempt, String prefix, RuntimeException failure) {
		String topic = cmd.eventsTopicOrDefault();
		String error = (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getName();
		int next = attempt + 1;
		int max = cmd.maxAttemptsOrDefault();
		Map<String, Object> considered = RunEvents.event("retry.considered", cmd.runId());
		considered.put("step_id", cmd.stepOrDefault());
		considered.put("attempt", attempt);
		considered.put("next_attempt", next);
		considered.put("max_attempts", max);
		considered.put("error", error);
		considered.put("backoff_s", this.delays.secondsBefore(next));
		this.events.send(topic, considered, prefix + "retry:considered:a" + attempt);
		if (next >= max) {
			this.deadLetters.publish(cmd.runId(), cmd.stepOrDefault(), cmd.businessKey(), attempt, max, error, cmd);
			Map<String, Object> dlq = RunEvents.event("run.dlq", cmd.runId());
			dlq.put("step_id", cmd.stepOrDefault());
			dlq.put("error", error);
			this.events.send(topic, dlq, prefix + "dlq");
			this.runs.setStatus(cmd.runId(), RunStatus.DLQ, error);
			return;
		}
		Map<String, Object> scheduled = RunEvents.event("retry.scheduled", cmd.runId());
		scheduled.put("step_id", cmd.stepOrDefault());
		scheduled.put("attempt", next);
		this.events.send(topic, scheduled, prefix + "retry:scheduled:a" + next);
		this.runs.setStatus(cmd.runId(), RunStatus.RUNNING, error);
		throw failure;
	}

	private static Map<String, Object> stepEvent(String type, Command cmd, int attempt) {
		Map<String, Object> event = RunEvents.event(type, cmd.runId());
		event.put("step_id", cmd.stepOrDefault());
		event.put("attempt", attempt);
		return event;
	}

	private static Map<String, Object> effectEvent(String type, Command cmd, String effectId) {
		Map<String, Object> event = RunEvents.event(type, cmd.runId());
		event.put("step_id", cmd.stepOrDefault());
		event.put("business_key", cmd.businessKey());
		event.put("effect_id", effectId);
		return event;
	}

	private static Map<String, Object> skipped(Command cmd, String reason, String effectId) {
		Map<String, Object> event = effectEvent("side_effect.skipped", cmd,
				(effectId != null) ? effectId : cmd.runId() + ":" + cmd.stepOrDefault() + ":" + cmd.businessKey());
		event.put("reason", reason);
		return event;
	}

	private static String abbreviate(String text) {
		return (text.length() > 100) ? text.substring(0, 100) + "…" : text;
	}

	/** Why a command cannot be handled at all, or {@code null}. */
	static String invalidReason(Command cmd) {
		if (cmd.runId() == null || cmd.runId().isBlank()) {
			return "command has no run_id";
		}
		if (cmd.businessKey() == null || cmd.businessKey().isBlank()) {
			return "command has no business_key";
		}
		if (cmd.type() != null && !Command.TYPE.equals(cmd.type())) {
			return "command type is '" + cmd.type() + "', expected '" + Command.TYPE + "'";
		}
		if (!Command.CHARGE_CARD.equals(cmd.stepOrDefault())) {
			return "unknown step_id '" + cmd.stepId() + "'";
		}
		if (!RunIds.isValid(cmd.runId())) {
			return "run_id '" + abbreviate(cmd.runId()) + "' is not " + RunIds.RULE;
		}
		if (cmd.businessKey().length() > 200) {
			return "business_key longer than 200 characters";
		}
		// a command names where its events go: only its own run's topic, never another
		// topic (e.g. the commands)
		if (cmd.eventsTopic() != null && !cmd.eventsTopic().equals(Topics.events(cmd.runId()))) {
			return "events_topic '" + abbreviate(cmd.eventsTopic()) + "' is not " + Topics.events(cmd.runId());
		}
		if (!Double.isFinite(cmd.amount()) || cmd.amount() < 0) {
			return "amount " + cmd.amount() + " is not a finite, non-negative number";
		}
		return null;
	}

}
