package io.connectorkit.plugin.configure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.AppState;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.ProcedureResponse;
import io.connectorkit.plugin.app.ReferenceBinding;
import io.connectorkit.plugin.app.RefusedException;
import io.connectorkit.plugin.app.RequiredGrants;
import io.connectorkit.plugin.app.RequiredSpecifications;
import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.status.ConfigurationStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.ArrayList;

/**
 * Drives the wizard from a configuration file, the way a consumer clicking through it would: it asks the app how far
 * the wizard has come and runs only the steps that remain, so a failed run is resumed by the next one and a
 * finished wizard is left alone.
 */
public final class Wizard {

    /** The wizard's steps in order; {@code -Dconnector.step} names one. */
    public enum Step {
        PREREQUISITES,
        CONNECTOR,
        CONNECTION,
        FINALIZE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Step resolve(String value) {
            String name = value.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(step -> step.label().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("connector.step '" + value + "' is not a wizard "
                            + "step; use one of " + Arrays.stream(values()).map(Step::label)
                            .collect(Collectors.joining(", ")) + ", or leave it unset to run every remaining step"));
        }

        /** The steps still to run once the wizard has reached this configuration status. */
        static List<Step> remainingAfter(ConfigurationStatus reached) {
            return switch (reached) {
                case INSTALLED -> List.of(PREREQUISITES, CONNECTOR, CONNECTION, FINALIZE);
                case PREREQUISITES_DONE -> List.of(CONNECTOR, CONNECTION, FINALIZE);
                case CONFIGURED -> List.of(CONNECTION, FINALIZE);
                case CONNECTED -> List.of(FINALIZE);
                case FINALIZED -> List.of();
            };
        }
    }

    /** What a run did: the steps it ran, and the state it left. */
    public record Outcome(List<Step> ran, AppState state) {
        public boolean changedNothing() {
            return ran.isEmpty();
        }
    }

    private final InstalledApp app;
    private final Consumer<String> log;
    private final Consumer<String> warn;
    private final boolean approveSpecifications;

    public Wizard(InstalledApp app, Consumer<String> log) {
        this(app, log, log);
    }

    public Wizard(InstalledApp app, Consumer<String> log, Consumer<String> warn) {
        this(app, log, warn, false);
    }

    /**
     * @param approveSpecifications whether the kit approves the app's specifications before the connection step (a
     *     development or test account, where its user is the consumer); otherwise unapproved ones stop the wizard
     */
    public Wizard(InstalledApp app, Consumer<String> log, Consumer<String> warn, boolean approveSpecifications) {
        this.app = app;
        this.log = log;
        this.warn = warn;
        this.approveSpecifications = approveSpecifications;
    }

    /**
     * Runs the remaining steps, or only the given one.
     *
     * @throws RefusedException when a procedure does not answer OK: nothing after it runs
     */
    public Outcome run(WizardConfiguration configuration, Optional<Step> only) throws AppException,
            RefusedException, ConfigurationFileException {
        AppState state = AppState.of(app);
        if (state.isFinalized()) {
            if (only.isPresent()) {
                throw new RefusedException("GET_CONNECTOR_STATUS", "The wizard of " + app.describe() + " is finished "
                        + "(" + state + "), so its " + only.get().label() + " step cannot run again. Change the "
                        + "connection with mvn connector:update-connection and the warehouse with "
                        + "mvn connector:update-warehouse");
            }
            if (!new ConfigurationUpdate(app, log, warn).apply(configuration, state)) {
                return new Outcome(List.of(), state);
            }
            return new Outcome(List.of(Step.CONNECTOR), AppState.of(app));
        }
        List<Step> steps = only.map(List::of).orElseGet(() -> Step.remainingAfter(state.configurationStatus()));
        List<String> sections = new ArrayList<>(steps.stream().map(Step::label).toList());
        if (!configuration.references().isEmpty()) {
            sections.add("references");
        }
        configuration.requireResolved(sections);
        log.accept(app.describe() + " is " + state + "; running " + steps.stream().map(Step::label)
                .collect(Collectors.joining(", ")));
        bindReferences(configuration.references());
        RequiredGrants.grantOrRefuse(app, RequiredGrants.warehouseOf(configuration.connector()), "connector:configure");
        if (steps.contains(Step.CONNECTION)) {
            RequiredSpecifications.approveOrRefuse(app, approveSpecifications, log, "connector:configure");
        }
        for (Step step : steps) {
            run(step, configuration);
        }
        AppState reached = AppState.of(app);
        log.accept(app.describe() + " is now " + reached);
        return new Outcome(steps, reached);
    }

    /** The steps' hooks may need the objects (an integration to reach the source), so they are bound first. */
    private void bindReferences(List<ReferenceBinding> references) throws AppException {
        for (ReferenceBinding binding : references) {
            if (!app.bindReference(binding)) {
                log.accept("The references section names Snowflake objects; " + app.describe() + " has none to bind");
                return;
            }
        }
    }

    private void run(Step step, WizardConfiguration configuration) throws AppException, RefusedException {
        switch (step) {
            case PREREQUISITES -> prerequisites(configuration.prerequisites());
            case CONNECTOR -> expectOk(step, PublicProcedure.CONFIGURE_CONNECTOR,
                    Json.write(configuration.connector()));
            case CONNECTION -> {
                ObjectNode connection = ConnectionWithSecrets.bind(app, configuration);
                expectOk(step, PublicProcedure.SET_CONNECTION_CONFIGURATION, Json.write(connection));
            }
            case FINALIZE -> expectOk(step, PublicProcedure.FINALIZE_CONNECTOR_CONFIGURATION,
                    Json.write(configuration.finalizeConfiguration()));
        }
    }

    private void prerequisites(WizardConfiguration.Prerequisites prerequisites) throws AppException,
            RefusedException {
        if (prerequisites.all()) {
            expectOk(Step.PREREQUISITES, PublicProcedure.MARK_ALL_PREREQUISITES_AS_DONE);
        }
        for (String id : prerequisites.ids()) {
            expectOk(Step.PREREQUISITES, PublicProcedure.UPDATE_PREREQUISITE, id, true);
        }
        expectOk(Step.PREREQUISITES, PublicProcedure.COMPLETE_PREREQUISITES_STEP);
    }

    private void expectOk(Step step, PublicProcedure procedure, Object... arguments) throws AppException,
            RefusedException {
        ProcedureResponse response = app.call(procedure, arguments);
        log.accept("[" + step.label() + "] " + response.summary());
        if (!response.isOk()) {
            throw new RefusedException(response, Advice.forWizard(step, response));
        }
    }
}
