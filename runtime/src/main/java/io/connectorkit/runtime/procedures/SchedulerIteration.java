package io.connectorkit.runtime.procedures;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.ResponseCode;
import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.internal.json.ConfigurationTrees;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.procedures.IngestionStore.DueProcess;
import io.connectorkit.runtime.procedures.IngestionStore.StaleProcess;
import io.connectorkit.runtime.resources.IngestionConfiguration;
import io.connectorkit.runtime.resources.IngestionConfigurations;
import io.connectorkit.runtime.resources.IngestionStrategy;
import io.connectorkit.runtime.spi.ConnectorContext;
import io.connectorkit.runtime.spi.Ingestion;
import io.connectorkit.runtime.spi.IngestionResult;
import io.connectorkit.runtime.spi.IngestionTask;
import io.connectorkit.runtime.state.StateStore;
import io.connectorkit.runtime.status.ConnectorState;
import io.connectorkit.runtime.status.ConnectorStatus;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * RUN_SCHEDULER_ITERATION (spec §3.12, with the kit's scheduling): reaps processes and runs stuck
 * {@code IN_PROGRESS}, then runs every due ingestion process through the connector's {@link Ingestion}, each in its
 * own unit:
 *
 * <ol>
 *   <li>claim — one committed transaction: the connector is still STARTED, the process goes IN_PROGRESS and its run
 *       starts IN_PROGRESS, so a run that dies leaves something to reap;</li>
 *   <li>ingest and complete — one transaction: the connector's writes (sink rows, its own statements), the new
 *       cursor, the run COMPLETED with its rows, the process SCHEDULED for its next run;</li>
 *   <li>on an exception, that transaction is rolled back and another records the run FAILED with the error and
 *       schedules the process for a retry with backoff. The connector stays STARTED.</li>
 * </ol>
 *
 * Since the cursor only moves with the rows it covers, an INCREMENTAL ingestion never writes a row twice, whatever
 * happens between the claim and the completion.
 */
final class SchedulerIteration {

    private static final System.Logger LOG = System.getLogger("io.connectorkit.runtime");

    /** Error texts stored in the run and the process are cut to this length. */
    private static final int MAX_ERROR_LENGTH = 2000;

    private final ProcedureCall call;
    private final IngestionStore store;
    private final Selection selection;
    private Configuration connectorConfiguration;

    /**
     * Which processes an iteration runs: the due ones (the schedule's iteration), or now, due or not, those of one
     * resource or of every enabled resource (RUN_INGESTION_NOW). Both go through the same claim, run and retry.
     *
     * @param definitionId the one resource's definition; {@code null} for every resource
     * @param dueOrNot whether processes run before their next run time (and before their retry)
     */
    record Selection(String definitionId, boolean dueOrNot) {
        static final Selection DUE = new Selection(null, false);

        static Selection now(String definitionId) {
            return new Selection(definitionId, true);
        }
    }

    SchedulerIteration(ProcedureCall call) {
        this(call, Selection.DUE);
    }

    SchedulerIteration(ProcedureCall call, Selection selection) {
        this.call = call;
        this.store = new IngestionStore(call.port);
        this.selection = selection;
    }

    /** What the first transaction found: why nothing runs, or what is due. */
    private record Plan(Response idle, int reaped, List<String> ended, int scheduled, List<DueProcess> due) {
        static Plan idle(Response response) {
            return new Plan(response, 0, List.of(), 0, List.of());
        }
    }

    private enum Outcome {
        COMPLETED,
        FAILED,
        SKIPPED,
        STOPPED
    }

    /** What one run did, for the response's {@code runs}: people and the goals read it. */
    private record RunReport(
            Outcome outcome,
            DueProcess process,
            String runId,
            long rows,
            long durationMs,
            String message,
            String error,
            LocalDateTime nextRunAt,
            int attempt) {

        Map<String, Object> toMap() {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("resourceIngestionDefinitionId", process.definitionId());
            run.put("resource", process.resourceName());
            run.put("ingestionConfigurationId", process.configurationId());
            run.put("runId", runId);
            run.put("status", outcome.name());
            run.put("rows", rows);
            run.put("durationMs", durationMs);
            run.put("attempt", attempt);
            run.put("message", message);
            run.put("error", error);
            run.put("nextRunAt", IngestionStore.timestamp(nextRunAt));
            return run;
        }
    }

    Response run() {
        Plan plan = call.port.inTransaction(() -> {
            Optional<ConnectorState> state = call.store.lockState();
            if (state.isEmpty()) {
                return Plan.idle(Response.of(ResponseCode.CONNECTOR_STATUS_NOT_FOUND));
            }
            if (state.get().status() != ConnectorStatus.STARTED) {
                return Plan.idle(counts(Response.ok(notStarted(state.get().status())), 0, 0, 0, 0));
            }
            if (call.connector.ingestion().isEmpty()) {
                return Plan.idle(counts(
                        Response.ok("No ingestion registered: the connector defines no Ingestion, so"
                                + " nothing runs. Register one with ConnectorDefinition.builder().ingestion(...) or"
                                + " spi.ingestion in connector.yaml."),
                        0,
                        0,
                        0,
                        0));
            }
            LocalDateTime now = now();
            int reaped = reap(now);
            IngestionStore.ScheduledCount scheduled = store.countScheduled();
            List<String> ended = scheduled.orphaned() > 0 ? endOrphanedProcesses(now) : List.of();
            if (selection.definitionId() != null) {
                Optional<Response> refusal = refuseSelection(selection.definitionId());
                if (refusal.isPresent()) {
                    return Plan.idle(refusal.get());
                }
            }
            List<DueProcess> due = selection.dueOrNot() ? store.scheduled(selection.definitionId()) : store.due(now);
            return new Plan(null, reaped, ended, scheduled.total() - ended.size(), due);
        });
        if (plan.idle() != null) {
            return plan.idle();
        }
        Ingestion ingestion = call.connector.ingestion().orElseThrow();
        int completed = 0;
        int failed = 0;
        int skipped = 0;
        int notRun = 0;
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int i = 0; i < plan.due().size(); i++) {
            RunReport report = runOne(plan.due().get(i), ingestion);
            Outcome outcome = report.outcome();
            if (outcome == Outcome.COMPLETED) {
                RunLog.completed(
                        report.process().definitionId(),
                        report.process().resourceName(),
                        report.runId(),
                        report.rows(),
                        report.durationMs());
            } else if (outcome == Outcome.FAILED) {
                RunLog.failed(
                        report.process().definitionId(),
                        report.process().resourceName(),
                        report.runId(),
                        report.attempt(),
                        report.error(),
                        report.nextRunAt());
            }
            if (outcome == Outcome.COMPLETED || outcome == Outcome.FAILED) {
                runs.add(report.toMap());
            }
            if (outcome == Outcome.STOPPED) {
                notRun = plan.due().size() - i;
                break;
            }
            switch (outcome) {
                case COMPLETED -> completed++;
                case FAILED -> failed++;
                default -> skipped++;
            }
        }
        StringBuilder message = new StringBuilder("Ran " + (completed + failed) + " of " + plan.scheduled()
                + " scheduled ingestions" + (selection.dueOrNot() ? " now, due or not" : "") + ": " + completed
                + " completed, " + failed + " failed.");
        if (plan.due().isEmpty()) {
            message.append(selection.dueOrNot() ? " None is scheduled." : " None is due.");
        }
        if (skipped > 0) {
            message.append(' ')
                    .append(skipped)
                    .append(skipped == 1 ? " was" : " were")
                    .append(" taken by another iteration or no longer due.");
        }
        if (notRun > 0) {
            message.append(" The connector was paused meanwhile; ")
                    .append(notRun)
                    .append(" due ")
                    .append(notRun == 1 ? "ingestion waits" : "ingestions wait")
                    .append(" for RESUME_CONNECTOR.");
        }
        if (plan.reaped() > 0) {
            message.append(" Reaped ")
                    .append(plan.reaped())
                    .append(plan.reaped() == 1 ? " run" : " runs")
                    .append(" stuck IN_PROGRESS for more than ")
                    .append(timeoutMinutes())
                    .append(" minutes.");
        }
        if (!plan.ended().isEmpty()) {
            message.append(" Ended ")
                    .append(plan.ended().size())
                    .append(plan.ended().size() == 1 ? " ingestion process" : " ingestion processes")
                    .append(" whose resource ingestion definition " + "does not exist: ")
                    .append(String.join(" ", plan.ended()));
        }
        Response answer = counts(Response.ok(message.toString()), plan.due().size(), completed, failed, plan.reaped());
        return (plan.ended().isEmpty()
                        ? answer
                        : answer.with("ended", plan.ended().size()))
                .with("runs", runs);
    }

    /** Why the one resource asked for cannot run now, if it cannot. */
    private Optional<Response> refuseSelection(String definitionId) {
        Optional<Boolean> enabled = store.enabled(definitionId);
        if (enabled.isEmpty()) {
            return Optional.of(Response.withMessage(
                    ResponseCode.INVALID_INPUT,
                    "Resource ingestion definition with" + " id '" + definitionId
                            + "' does not exist; PUBLIC.INGESTION_DEFINITIONS lists the resources."));
        }
        if (!enabled.get()) {
            return Optional.of(Response.withMessage(
                    ResponseCode.INVALID_INPUT,
                    "Resource ingestion definition with"
                            + " id '" + definitionId + "' is disabled, so it has nothing scheduled to run; enable it"
                            + " (ENABLE_RESOURCE) first."));
        }
        return Optional.empty();
    }

    private static Response counts(Response response, int due, int completed, int failed, int reaped) {
        return response.with("due", due)
                .with("completed", completed)
                .with("failed", failed)
                .with("reaped", reaped);
    }

    private static String notStarted(ConnectorStatus status) {
        return switch (status) {
            case PAUSED, PAUSING, STARTING ->
                "The connector is paused (" + status + "): no ingestion runs until "
                        + "RESUME_CONNECTOR has started it again.";
            case CONFIGURING ->
                "The connector is not started yet (CONFIGURING): no ingestion runs before "
                        + "FINALIZE_CONNECTOR_CONFIGURATION has started it.";
            case ERROR ->
                "The connector is in ERROR: no ingestion runs until RECOVER_CONNECTOR_STATE has set it " + "STARTED.";
            default -> "The connector is " + status + ": no ingestion runs.";
        };
    }

    /**
     * Processes and runs IN_PROGRESS without an update for longer than the timeout died with the app or the
     * procedure that ran them: the runs are recorded FAILED, the processes scheduled again with backoff.
     */
    private int reap(LocalDateTime now) {
        LocalDateTime cutoff = now.minus(call.connector.ingestionTimeout());
        String error = "The run was reaped after " + timeoutMinutes() + " minutes without progress: it never "
                + "finished, most likely because the app or the procedure running it stopped mid-run.";
        for (StaleProcess stale : store.staleProcesses(cutoff)) {
            IngestionSchedule schedule = scheduleOf(stale.configurationsJson(), stale.configurationId());
            int attempts = stale.attempts() + 1;
            store.rescheduleAfterFailure(stale.processId(), attempts, error, schedule.retryAt(now, attempts), now);
        }
        return store.failStaleRuns(cutoff, now, errorMetadata(error));
    }

    /**
     * A SCHEDULED process whose resource ingestion definition was deleted (outside the procedures) can never run.
     * The SDK's scheduler fails its whole iteration on one, every time, with the error below
     * (TaskReactorOnIngestionScheduledCallback, InvalidIngestionProcessException), so that nothing else runs
     * either; here the process is ended (FINISHED, the error in LAST_ERROR), its run recorded FAILED with the
     * error, and the other processes run.
     *
     * @return the error of each process ended
     */
    private List<String> endOrphanedProcesses(LocalDateTime now) {
        List<String> errors = new ArrayList<>();
        for (IngestionStore.OrphanedProcess orphan : store.orphanedProcesses()) {
            String error = "Invalid Ingestion Process id='" + orphan.processId() + "': Resource Ingestion Definition"
                    + " with id '" + orphan.definitionId() + "' does not exist; the process was ended. Create the"
                    + " resource again (CREATE_RESOURCE) to ingest it.";
            if (store.endUnrunnable(orphan, UUID.randomUUID().toString(), error, errorMetadata(error), now)) {
                LOG.log(System.Logger.Level.WARNING, error);
                errors.add(error);
            }
        }
        return errors;
    }

    private long timeoutMinutes() {
        return call.connector.ingestionTimeout().toMinutes();
    }

    private RunReport runOne(DueProcess process, Ingestion ingestion) {
        String runId = UUID.randomUUID().toString();
        LocalDateTime startedAt = now();
        int attempt = process.attempts() + 1;
        Outcome claim = call.port.inTransaction(() -> {
            Optional<ConnectorState> state = call.store.lockState();
            if (state.isEmpty() || state.get().status() != ConnectorStatus.STARTED) {
                return Outcome.STOPPED;
            }
            if (!store.claim(process.processId(), startedAt, selection.dueOrNot())) {
                return Outcome.SKIPPED;
            }
            store.startRun(runId, process, startedAt);
            return Outcome.COMPLETED;
        });
        if (claim != Outcome.COMPLETED) {
            return new RunReport(claim, process, runId, 0, 0, null, null, null, attempt);
        }
        ConnectorContext context = call.context();
        try {
            return call.port.inTransaction(() -> ingestAndComplete(process, runId, startedAt, ingestion, context));
        } catch (RunReaped e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "The ingestion of resource ''{0}'' (run {1}) outlived the ingestion "
                            + "timeout and was reaped meanwhile; its rows were rolled back",
                    process.resourceName(),
                    runId);
            return new RunReport(
                    Outcome.FAILED, process, runId, 0, millisSince(startedAt), null, e.getMessage(), null, attempt);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "The ingestion of resource '" + process.resourceName() + "' (configuration '"
                            + process.configurationId() + "', run " + runId + ") failed",
                    e);
            String error = describe(e, context);
            LocalDateTime retryAt = recordFailure(process, runId, error);
            return new RunReport(
                    Outcome.FAILED, process, runId, 0, millisSince(startedAt), null, error, retryAt, attempt);
        }
    }

    private long millisSince(LocalDateTime startedAt) {
        return Math.max(0, Duration.between(startedAt, now()).toMillis());
    }

    /** The run's one transaction; {@link RunReaped} when the run was reaped meanwhile and nothing may be kept. */
    private RunReport ingestAndComplete(
            DueProcess process, String runId, LocalDateTime startedAt, Ingestion ingestion, ConnectorContext context) {
        IngestionConfiguration configuration = configuration(process.configurationsJson(), process.configurationId());
        IngestionSchedule schedule = schedule(configuration);
        IngestionTask task = new IngestionTask(
                runId,
                process.processId(),
                process.definitionId(),
                process.resourceName(),
                process.resourceIdJson(),
                process.resourceMetadataJson(),
                process.configurationId(),
                strategy(configuration),
                configuration.customConfiguration().orElseGet(Configuration::empty),
                configuration.destinationConfiguration().orElseGet(Configuration::empty),
                process.cursorJson(),
                process.attempts() + 1);
        TableSink sink = new TableSink(
                call.port,
                () -> Destination.resolve(
                        task.destination(),
                        connectorConfiguration(),
                        process.resourceName(),
                        call.port.dialect().hasDatabases()));
        IngestionResult result = ingestion.ingest(task, sink, context);
        if (result == null) {
            throw new IllegalStateException("The connector's ingestion returned no IngestionResult; return "
                    + "IngestionResult.written() when the sink's rows are what it ingested");
        }
        sink.finish();
        LocalDateTime completedAt = now();
        long rows = result.reportedRows().orElse(sink.rowsWritten());
        String metadata = result.message()
                .map(text -> {
                    ObjectNode json = JsonTree.object();
                    json.put("message", text);
                    return JsonTree.write(json);
                })
                .orElse(null);
        if (!store.completeRun(runId, completedAt, rows, metadata)) {
            // Reaped while it ran (it outlived the timeout) and maybe claimed again: its rows must not count twice.
            throw new RunReaped();
        }
        LocalDateTime nextRunAt = schedule.nextRunAfter(startedAt).orElse(null);
        store.rescheduleAfterSuccess(process.processId(), sink.cursorSet(), sink.cursorJson(), nextRunAt, completedAt);
        return new RunReport(
                Outcome.COMPLETED,
                process,
                runId,
                rows,
                Math.max(0, Duration.between(startedAt, completedAt).toMillis()),
                result.message().orElse(null),
                null,
                nextRunAt,
                task.attempt());
    }

    /**
     * Records the failure in its own transaction, after the run's writes were rolled back.
     *
     * @return when the process is retried; {@code null} when the run was reaped meanwhile
     */
    private LocalDateTime recordFailure(DueProcess process, String runId, String error) {
        LocalDateTime now = now();
        return call.port.inTransaction(() -> {
            if (store.failRun(runId, now, errorMetadata(error))) {
                IngestionSchedule schedule = scheduleOf(process.configurationsJson(), process.configurationId());
                int attempts = process.attempts() + 1;
                LocalDateTime retryAt = schedule.retryAt(now, attempts);
                store.rescheduleAfterFailure(process.processId(), attempts, error, retryAt, now);
                return retryAt;
            }
            return null;
        });
    }

    private Configuration connectorConfiguration() {
        if (connectorConfiguration == null) {
            connectorConfiguration = ConfigurationTrees.configuration(call.store
                    .readConfiguration(StateStore.CONNECTOR_CONFIGURATION)
                    .orElse(null));
        }
        return connectorConfiguration;
    }

    /** The process's ingestion configuration, from the definition's list. */
    private static IngestionConfiguration configuration(String configurationsJson, String configurationId) {
        IngestionConfigurations.Parsed parsed = IngestionConfigurations.read(configurationsJson);
        if (!parsed.isValid()) {
            throw new IllegalStateException(
                    "The resource's INGESTION_CONFIGURATION cannot be read: " + parsed.problem());
        }
        return parsed.withId(configurationId)
                .orElseThrow(() -> new IllegalStateException("The resource has no "
                        + "ingestion configuration with id '" + configurationId
                        + "' any more, but its process was still "
                        + "scheduled"));
    }

    private static IngestionSchedule schedule(IngestionConfiguration configuration) {
        try {
            return IngestionSchedule.of(configuration.scheduleType(), configuration.scheduleDefinition());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The ingestion configuration's schedule is not valid: " + e.getMessage());
        }
    }

    /** The schedule for a retry: the configuration's, or the global one when it cannot be read. */
    private static IngestionSchedule scheduleOf(String configurationsJson, String configurationId) {
        try {
            return schedule(configuration(configurationsJson, configurationId));
        } catch (IllegalStateException e) {
            return IngestionSchedule.GLOBAL;
        }
    }

    private static IngestionStrategy strategy(IngestionConfiguration configuration) {
        if (configuration.ingestionStrategy() == null) {
            throw new IllegalStateException("The ingestion configuration '" + configuration.id() + "' has no "
                    + "ingestionStrategy (SNAPSHOT or INCREMENTAL)");
        }
        return configuration.ingestionStrategy();
    }

    private static String errorMetadata(String error) {
        ObjectNode json = JsonTree.object();
        json.put("error", error);
        return JsonTree.write(json);
    }

    /**
     * {@code <class>: <message>} of the failure and its root cause, without the value of any secret the connector
     * may have put into a message.
     */
    private String describe(Throwable e, ConnectorContext context) {
        String text = ProcedureCall.describe(e);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !text.contains(root.getMessage())) {
            text += " (caused by " + ProcedureCall.describe(root) + ")";
        }
        for (String field : call.connector.connectionConfigurationSchema().secretFieldNames()) {
            try {
                Optional<String> secret = context.secret(field);
                if (secret.isPresent() && !secret.get().isEmpty()) {
                    text = text.replace(secret.get(), "********");
                }
            } catch (RuntimeException ignored) {
                // A secret that cannot be read cannot be in the message either.
            }
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH - 1) + "…" : text;
    }

    /** The scheduler's time: UTC, at microsecond precision as both targets store it. */
    private LocalDateTime now() {
        return LocalDateTime.ofInstant(call.connector.clock().instant(), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MICROS);
    }

    /** The run outlived the timeout and was reaped: its transaction must be undone. */
    private static final class RunReaped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunReaped() {
            super(
                    "The run was reaped while it ran: it took longer than the ingestion timeout; nothing of it is kept",
                    null,
                    false,
                    false);
        }
    }
}
