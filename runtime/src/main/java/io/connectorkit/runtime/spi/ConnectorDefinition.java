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
        this.ingestion = other.ingestion;
        this.ingestionTimeout = other.ingestionTimeout;
        this.clock = clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A connector with the standard configuration keys and no hooks. */
    public static ConnectorDefinition standard() {
        return builder().build();
    }

    public ConfigurationSchema connectorConfigurationSchema() {
        return connectorSchema;
    }

    public ConfigurationSchema connectionConfigurationSchema() {
        return connectionSchema;
    }

    public List<Prerequisite> prerequisites() {
        return prerequisites;
    }

    public Optional<ConnectionTester> connectionTester() {
        return Optional.ofNullable(connectionTester);
    }

    public Optional<DraftConnectionTester> draftConnectionTester() {
        return Optional.ofNullable(draftConnectionTester);
    }

    public Optional<StepValidator> validator(WizardStep step) {
        StepValidator validator = validators.get(step);
        if (validator == null && step == WizardStep.CONNECTION_UPDATE) {
            validator = validators.get(WizardStep.CONNECTION_CONFIGURATION);
        }
        return Optional.ofNullable(validator);
    }

    public Optional<SourceValidator> sourceValidator() {
        return Optional.ofNullable(sourceValidator);
    }

    public Optional<FinalizeCallback> finalizeCallback() {
        return Optional.ofNullable(finalizeCallback);
    }

    public LifecycleHooks lifecycleHooks() {
        return lifecycleHooks;
    }

    public ResourceHooks resourceHooks() {
        return resourceHooks;
    }

    /** The connector's ingestion, which {@code RUN_SCHEDULER_ITERATION} calls for every due ingestion process. */
    public Optional<Ingestion> ingestion() {
        return Optional.ofNullable(ingestion);
    }

    /**
     * How long a run or process may stay {@code IN_PROGRESS} before the scheduler takes it for dead (the app or the
     * procedure died mid-run), records the run {@code FAILED} and schedules the process again. Default 60 minutes,
     * Snowflake's default task timeout.
     */
    public Duration ingestionTimeout() {
        return ingestionTimeout;
    }

    /** The clock the scheduler reads: UTC system time, unless a test or a simulation sets another. */
    public Clock clock() {
        return clock;
    }

    /**
     * This connector on another scheduler clock: for a test that drives the schedules of a connector read from its
     * jar's description ({@link ConnectorRegistry#resolve}), which always runs on the system clock. Bind the copy to
     * the app ({@code EmbeddedApp.bind}) for the scheduler to read it.
     */
    public ConnectorDefinition withClock(Clock clock) {
        return new ConnectorDefinition(this, Objects.requireNonNull(clock, "clock"));
    }

    /** Collects a connector's registration. */
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
        private Ingestion ingestion;
        private Duration ingestionTimeout = DEFAULT_INGESTION_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** A connector-specific key of {@code connector_configuration}, beside the standard ones. */
        public Builder connectorField(ConfigurationField field) {
            connectorFields.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        /**
         * A key of {@code connection_configuration}. Once one is declared, undeclared keys are refused; a connector
         * that declares none accepts any keys, as Snowflake's SDK does.
         */
        public Builder connectionField(ConfigurationField field) {
            connectionFields.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        public Builder prerequisite(Prerequisite prerequisite) {
            prerequisites.add(Objects.requireNonNull(prerequisite, "prerequisite"));
            return this;
        }

        public Builder connectionTester(ConnectionTester tester) {
            this.connectionTester = Objects.requireNonNull(tester, "connection tester");
            return this;
        }

        public Builder draftConnectionTester(DraftConnectionTester tester) {
            this.draftConnectionTester = Objects.requireNonNull(tester, "draft connection tester");
            return this;
        }

        public Builder validator(WizardStep step, StepValidator validator) {
            validators.put(Objects.requireNonNull(step, "step"), Objects.requireNonNull(validator, "validator"));
            return this;
        }

        public Builder sourceValidator(SourceValidator validator) {
            this.sourceValidator = Objects.requireNonNull(validator, "source validator");
            return this;
        }

        public Builder finalizeCallback(FinalizeCallback callback) {
            this.finalizeCallback = Objects.requireNonNull(callback, "finalize callback");
            return this;
        }

        public Builder lifecycleHooks(LifecycleHooks hooks) {
            this.lifecycleHooks = Objects.requireNonNull(hooks, "lifecycle hooks");
            return this;
        }

        /** The connector's part of the resource procedures (spec §3.11). */
        public Builder resourceHooks(ResourceHooks hooks) {
            this.resourceHooks = Objects.requireNonNull(hooks, "resource hooks");
            return this;
        }

        /** The connector's ingestion: reads the source and writes the destination, run by the scheduler. */
        public Builder ingestion(Ingestion ingestion) {
            this.ingestion = Objects.requireNonNull(ingestion, "ingestion");
            return this;
        }

        /** See {@link ConnectorDefinition#ingestionTimeout()}; at least one minute. */
        public Builder ingestionTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "ingestion timeout");
            if (timeout.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("The ingestion timeout must be at least one minute, not " + timeout
                        + ": a shorter one would take running ingestions for dead");
            }
            this.ingestionTimeout = timeout;
            return this;
        }

        /** The scheduler's clock, for tests and simulations; the default is {@code Clock.systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Checks the registration as a whole; a mistake fails here, naming it, not at the first call. */
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
