package io.driftq.demo.runs;

/**
 * A row of {@code sidefx_run}.
 *
 * @param runId the run
 * @param businessKey its business key
 * @param status where it stands
 * @param lastError the last failure, if any
 * @param command the command as JSON
 * @param createdMs when it was created (epoch ms)
 * @param updatedMs when it last changed (epoch ms)
 */
public record RunRecord(String runId, String businessKey, RunStatus status, String lastError, String command,
		long createdMs, long updatedMs) {
}
