package io.connectorkit.runtime.spi;

import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.config.ConfigurationSchema;
import io.connectorkit.runtime.config.FieldType;
import io.connectorkit.runtime.config.SecretReference;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the runtime needs to know about one connector: its configuration fields, prerequisites and hooks.
 * Built once, immutable; invalid registrations fail at {@link Builder#build()} with the reason.
 *
 * <p>A connector jar hands its definition to the runtime through a {@link ConnectorProvider}, or the runtime builds
 * it from the jar's {@link ConnectorDescription}; {@link ConnectorRegistry} explains which one wins. Every hook is
 * optional: what a connector does not register, the runtime does in the SDK's default way, as each getter states.
 */
public final class ConnectorDefinition {

    /** The default {@link #ingestionTimeout()}. */
    public static final Duration DEFAULT_INGESTION_TIMEOUT = Duration.ofMinutes(60);

    private final ConfigurationSchema connectorSchema;
    private final ConfigurationSchema connectionSchema;
    private final List<Prerequisite> prerequisites;
    private final ConnectionTester connectionTester;
    private final DraftConnectionTester draftConnectionTester;
    private final Map<WizardStep, StepValidator> validators;
    private final SourceValidator sourceValidator;
    private final FinalizeCallback finalizeCallback;
    private final LifecycleHooks lifecycleHooks;
    private final ResourceHooks resourceHooks;
    private final ConfigurationHooks configurationHooks;
    private final Ingestion ingestion;
    private final Duration ingestionTimeout;
    private final Clock clock;

    private ConnectorDefinition(Builder builder) {
        this.connectorSchema = ConfigurationSchema.connectorConfiguration(builder.connectorFields);
        this.connectionSchema = ConfigurationSchema.connectionConfiguration(builder.connectionFields);
        this.prerequisites = List.copyOf(builder.prerequisites);
        this.connectionTester = builder.connectionTester;
        this.draftConnectionTester = builder.draftConnectionTester;
        this.validators = Map.copyOf(builder.validators);
        this.sourceValidator = builder.sourceValidator;
        this.finalizeCallback = builder.finalizeCallback;
        this.lifecycleHooks = builder.lifecycleHooks;
        this.resourceHooks = builder.resourceHooks;
        this.configurationHooks = builder.configurationHooks;
        this.ingestion = builder.ingestion;
        this.ingestionTimeout = builder.ingestionTimeout;
        this.clock = builder.clock;
    }

    /** The same connector, its clock replaced, sharing every field and hook. */
    private ConnectorDefinition(ConnectorDefinition other, Clock clock) {
        this.connectorSchema = other.connectorSchema;
        this.connectionSchema = other.connectionSchema;
        this.prerequisites = other.prerequisites;
        this.connectionTester = other.connectionTester;
        this.draftConnectionTester = other.draftConnectionTester;
        this.validators = other.validators;
        this.sourceValidator = other.sourceValidator;
        this.finalizeCallback = other.finalizeCallback;
        this.lifecycleHooks = other.lifecycleHooks;
        this.resourceHooks = other.resourceHooks;
        this.configurationHooks = other.configurationHooks;
        this.ingestion = other.ingestion;
        this.ingestionTimeout = other.ingestionTimeout;
        this.clock = clock;
    }

    /**
     * Starts a registration.
     *
     * @return an empty builder: the standard {@code connector_configuration} keys, no connection fields (any keys
     *     accepted), no prerequisites, no hooks, a 60-minute ingestion timeout
     *     and the UTC system clock
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A connector with the standard configuration keys and no hooks: what the runtime uses when the class path holds
     * no connector. It has no connection tester, so its wizard stops at {@code SET_CONNECTION_CONFIGURATION}.
     *
     * @return the same as {@code builder().build()}
     */
    public static ConnectorDefinition standard() {
        return builder().build();
    }

    /**
     * The keys {@code CONFIGURE_CONNECTOR} accepts: the SDK's standard keys ({@code warehouse},
     * {@code destination_database}, {@code destination_schema}, {@code global_schedule}, …) followed by the
     * connector's own {@link Builder#connectorField fields}. Any other key is refused.
     *
     * @return the schema of {@code connector_configuration}
     */
    public ConfigurationSchema connectorConfigurationSchema() {
        return connectorSchema;
    }

    /**
     * The keys {@code SET_CONNECTION_CONFIGURATION}, {@code UPDATE_CONNECTION_CONFIGURATION} and
     * {@code TEST_DRAFT_CONNECTION} accept: the declared {@link Builder#connectionField connection fields}, or any
     * keys when none is declared ({@link ConfigurationSchema#isFreeForm()}).
     *
     * @return the schema of {@code connection_configuration}
     */
    public ConfigurationSchema connectionConfigurationSchema() {
        return connectionSchema;
    }

    /**
     * The rows the app's installation merges into {@code STATE.PREREQUISITES}: new ids are added, the text of known
     * ones refreshed, and whether the consumer completed them is kept.
     *
     * @return the prerequisites in registration order (unmodifiable; empty when none was registered)
     */
    public List<Prerequisite> prerequisites() {
        return prerequisites;
    }

    /**
     * The tester of {@code TEST_CONNECTION}, also run by {@code SET_CONNECTION_CONFIGURATION}.
     *
     * @return the registered tester; empty when none is, in which case {@code TEST_CONNECTION} answers
     *     {@code CONNECTION_TESTER_NOT_REGISTERED}
     */
    public Optional<ConnectionTester> connectionTester() {
        return Optional.ofNullable(connectionTester);
    }

    /**
     * The tester of {@code TEST_DRAFT_CONNECTION}, also run by {@code UPDATE_CONNECTION_CONFIGURATION}.
     *
     * @return the registered draft tester; empty when none is, in which case the {@link #connectionTester()} tests
     *     drafts
     */
    public Optional<DraftConnectionTester> draftConnectionTester() {
        return Optional.ofNullable(draftConnectionTester);
    }

    /**
     * The connector's validator of a wizard step. {@link WizardStep#CONNECTION_UPDATE} without a validator of its
     * own falls back to the {@link WizardStep#CONNECTION_CONFIGURATION} one.
     *
     * @param step the step whose input is to be validated
     * @return the validator; empty when the step has none, in which case the declared field checks alone decide
     */
    public Optional<StepValidator> validator(WizardStep step) {
        StepValidator validator = validators.get(step);
        if (validator == null && step == WizardStep.CONNECTION_UPDATE) {
            validator = validators.get(WizardStep.CONNECTION_CONFIGURATION);
        }
        return Optional.ofNullable(validator);
    }

    /**
     * The validator of {@code VALIDATE_SOURCE}, also run by {@code FINALIZE_CONNECTOR_CONFIGURATION}.
     *
     * @return the registered validator; empty when none is, in which case every source passes
     */
    public Optional<SourceValidator> sourceValidator() {
        return Optional.ofNullable(sourceValidator);
    }

    /**
     * The connector's setup at the end of {@code FINALIZE_CONNECTOR_CONFIGURATION}.
     *
     * @return the registered callback; empty when none is, in which case finalization answers {@code OK} with
     *     "Connector configuration finalized."
     */
    public Optional<FinalizeCallback> finalizeCallback() {
        return Optional.ofNullable(finalizeCallback);
    }

    /**
     * The connector's part of {@code PAUSE_CONNECTOR} and {@code RESUME_CONNECTOR}.
     *
     * @return the registered hooks, or {@link LifecycleHooks#NONE}, which accepts every pause and resume
     */
    public LifecycleHooks lifecycleHooks() {
        return lifecycleHooks;
    }

    /**
     * The connector's part of the resource procedures ({@code CREATE_RESOURCE} and the others).
     *
     * @return the registered hooks, or {@link ResourceHooks#NONE}, which accepts every call
     */
    public ResourceHooks resourceHooks() {
        return resourceHooks;
    }

    /**
     * The connector's callbacks of the configuration procedures (the SDK's {@code *_INTERNAL} hooks).
     *
     * @return the registered callbacks, or {@link ConfigurationHooks#NONE}, which accept everything
     */
    public ConfigurationHooks configurationHooks() {
        return configurationHooks;
    }

    /**
     * The connector's ingestion, which {@code RUN_SCHEDULER_ITERATION} calls for every due ingestion process.
     *
     * @return the registered ingestion; empty when none is, in which case the scheduler runs nothing and says so in
     *     its answer
     */
    public Optional<Ingestion> ingestion() {
        return Optional.ofNullable(ingestion);
    }

    /**
     * How long a run or process may stay {@code IN_PROGRESS} before the scheduler takes it for dead (the app or the
     * procedure died mid-run), records the run {@code FAILED} and schedules the process again. Default 60 minutes,
     * Snowflake's default task timeout.
     *
     * @return the timeout, at least one minute
     */
    public Duration ingestionTimeout() {
        return ingestionTimeout;
    }

    /**
     * The clock the scheduler reads: UTC system time, unless a test or a simulation sets another. It decides which
     * processes are due, when they run next and when a run counts as dead; times are stored in UTC at microsecond
     * precision.
     *
     * @return the scheduler's clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * This connector on another scheduler clock: for a test that drives the schedules of a connector read from its
     * jar's description ({@link ConnectorRegistry#resolve}), which always runs on the system clock. Bind the copy to
     * the app ({@code EmbeddedApp.bind}) for the scheduler to read it.
     *
     * @param clock the clock the copy's scheduler reads
     * @return a new definition sharing every field and hook of this one; this one is unchanged
     * @throws NullPointerException when the clock is null
     */
    public ConnectorDefinition withClock(Clock clock) {
        return new ConnectorDefinition(this, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Collects a connector's registration. Every registering method returns this builder and refuses null with a
     * {@link NullPointerException}; a method called twice replaces the earlier value, except the ones that add
     * (fields, prerequisites). Not thread-safe.
     */
    public static final class Builder {
        private final List<ConfigurationField> connectorFields = new ArrayList<>();
        private final List<ConfigurationField> connectionFields = new ArrayList<>();
        private final List<Prerequisite> prerequisites = new ArrayList<>();
        private final Map<WizardStep, StepValidator> validators = new EnumMap<>(WizardStep.class);
        private ConnectionTester connectionTester;
        private DraftConnectionTester draftConnectionTester;
        private SourceValidator sourceValidator;
        private FinalizeCallback finalizeCallback;
        private LifecycleHooks lifecycleHooks = LifecycleHooks.NONE;
        private ResourceHooks resourceHooks = ResourceHooks.NONE;
        private ConfigurationHooks configurationHooks = ConfigurationHooks.NONE;
        private Ingestion ingestion;
        private Duration ingestionTimeout = DEFAULT_INGESTION_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * A connector-specific key of {@code connector_configuration}, beside the standard ones. It may not be a
         * secret nor reuse a standard key's name; {@link #build()} refuses either.
         *
         * @param field the field, added after those declared before
         * @return this builder
         */
        public Builder connectorField(ConfigurationField field) {
            connectorFields.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        /**
         * A key of {@code connection_configuration}. Once one is declared, undeclared keys are refused; a connector
         * that declares none accepts any keys, as Snowflake's SDK does. A secret field gets the secret reference
         * named after it ({@code api_token} → {@code API_TOKEN_SECRET}); the names {@code response_code} and
         * {@code message} are reserved, which {@link #build()} reports.
         *
         * @param field the field, added after those declared before
         * @return this builder
         */
        public Builder connectionField(ConfigurationField field) {
            connectionFields.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        /**
         * A row of {@code STATE.PREREQUISITES}; each id may be registered once.
         *
         * @param prerequisite the prerequisite, added after those registered before
         * @return this builder
         */
        public Builder prerequisite(Prerequisite prerequisite) {
            prerequisites.add(Objects.requireNonNull(prerequisite, "prerequisite"));
            return this;
        }

        /**
         * The tester of {@code TEST_CONNECTION}; without one the wizard cannot get past
         * {@code SET_CONNECTION_CONFIGURATION}, so register {@link ConnectionTester#none()} when there is nothing to
         * test.
         *
         * @param tester the tester
         * @return this builder
         */
        public Builder connectionTester(ConnectionTester tester) {
            this.connectionTester = Objects.requireNonNull(tester, "connection tester");
            return this;
        }

        /**
         * The tester of a draft connection configuration ({@code TEST_DRAFT_CONNECTION}, and the first test of
         * {@code UPDATE_CONNECTION_CONFIGURATION}); without one the connection tester tests drafts.
         *
         * @param tester the draft tester
         * @return this builder
         */
        public Builder draftConnectionTester(DraftConnectionTester tester) {
            this.draftConnectionTester = Objects.requireNonNull(tester, "draft connection tester");
            return this;
        }

        /**
         * The validator of one wizard step's input, run after the declared field checks.
         *
         * @param step the step; a {@link WizardStep#CONNECTION_UPDATE} validator replaces the fallback to the
         *     {@link WizardStep#CONNECTION_CONFIGURATION} one
         * @param validator the validator
         * @return this builder
         */
        public Builder validator(WizardStep step, StepValidator validator) {
            validators.put(Objects.requireNonNull(step, "step"), Objects.requireNonNull(validator, "validator"));
            return this;
        }

        /**
         * The validator of {@code VALIDATE_SOURCE}, also run during finalization.
         *
         * @param validator the validator
         * @return this builder
         */
        public Builder sourceValidator(SourceValidator validator) {
            this.sourceValidator = Objects.requireNonNull(validator, "source validator");
            return this;
        }

        /**
         * The connector's one-time setup at the end of {@code FINALIZE_CONNECTOR_CONFIGURATION}.
         *
         * @param callback the callback
         * @return this builder
         */
        public Builder finalizeCallback(FinalizeCallback callback) {
            this.finalizeCallback = Objects.requireNonNull(callback, "finalize callback");
            return this;
        }

        /**
         * The connector's part of pause and resume, in place of {@link LifecycleHooks#NONE}.
         *
         * @param hooks the hooks
         * @return this builder
         */
        public Builder lifecycleHooks(LifecycleHooks hooks) {
            this.lifecycleHooks = Objects.requireNonNull(hooks, "lifecycle hooks");
            return this;
        }

        /**
         * The connector's part of the resource procedures (spec §3.11), in place of {@link ResourceHooks#NONE}.
         *
         * @param hooks the hooks
         * @return this builder
         */
        public Builder resourceHooks(ResourceHooks hooks) {
            this.resourceHooks = Objects.requireNonNull(hooks, "resource hooks");
            return this;
        }

        /**
         * The connector's callbacks of the configuration procedures, in place of {@link ConfigurationHooks#NONE}.
         *
         * @param hooks the callbacks
         * @return this builder
         */
        public Builder configurationHooks(ConfigurationHooks hooks) {
            this.configurationHooks = Objects.requireNonNull(hooks, "configuration hooks");
            return this;
        }

        /**
         * The connector's ingestion: reads the source and writes the destination, run by the scheduler.
         *
         * @param ingestion the ingestion
         * @return this builder
         */
        public Builder ingestion(Ingestion ingestion) {
            this.ingestion = Objects.requireNonNull(ingestion, "ingestion");
            return this;
        }

        /**
         * See {@link ConnectorDefinition#ingestionTimeout()}; at least one minute.
         *
         * @param timeout how long a run may stay {@code IN_PROGRESS}; the default is
         *     {@link ConnectorDefinition#DEFAULT_INGESTION_TIMEOUT}
         * @return this builder
         * @throws IllegalArgumentException when the timeout is shorter than one minute
         */
        public Builder ingestionTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "ingestion timeout");
            if (timeout.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("The ingestion timeout must be at least one minute, not " + timeout
                        + ": a shorter one would take running ingestions for dead");
            }
            this.ingestionTimeout = timeout;
            return this;
        }

        /**
         * The scheduler's clock, for tests and simulations; the default is {@code Clock.systemUTC()}.
         *
         * @param clock the clock the scheduler reads
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Checks the registration as a whole; a mistake fails here, naming it, not at the first call. The builder
         * can be used again afterwards; the definition does not change with it.
         *
         * @return the immutable definition
         * @throws IllegalArgumentException when a connector field is a secret or reuses a standard key, a field name
         *     is declared twice in one configuration, a connection field uses a reserved name, or two
         *     prerequisites share an id
         */
        public ConnectorDefinition build() {
            for (ConfigurationField field : connectorFields) {
                if (field.type() == FieldType.SECRET) {
                    throw new IllegalArgumentException("The connector field '" + field.name() + "' is a secret, but "
                            + "secret fields are only allowed in connection_configuration, where each gets its secret "
                            + "reference (" + SecretReference.nameOf(field.name()) + "); declare it with "
                            + "connectionField(...) instead of connectorField(...)");
                }
            }
            Set<String> ids = new HashSet<>();
            for (Prerequisite prerequisite : prerequisites) {
                if (!ids.add(prerequisite.id())) {
                    throw new IllegalArgumentException("The prerequisite id '" + prerequisite.id()
                            + "' is declared twice; give each prerequisite its own id");
                }
            }
            return new ConnectorDefinition(this);
        }
    }
}
