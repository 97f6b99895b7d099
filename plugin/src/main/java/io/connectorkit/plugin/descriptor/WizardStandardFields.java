package io.connectorkit.plugin.descriptor;

import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.config.ConfigurationSchema;
import java.util.List;

/**
 * The standard keys of {@code connector_configuration} that both wizards (the generated Streamlit app and
 * {@code connector:console}) ask for, as the Native SDK's template wizard does (spec §6.5); the other standard keys
 * stay settable through {@code connector:configure}.
 */
public final class WizardStandardFields {

    /** The keys, in the order the wizards show them. */
    public static final List<String> KEYS = List.of("warehouse", "destination_database", "destination_schema",
            "global_schedule");

    private WizardStandardFields() {
    }

    /**
     * The runtime's definitions of the wizard's standard fields, so that their types and descriptions are the ones the
     * app checks.
     *
     * @return the fields, in {@link #KEYS} order
     */
    public static List<ConfigurationField> fields() {
        return KEYS.stream().map(key -> ConfigurationSchema.STANDARD_CONNECTOR_FIELDS.stream()
                .filter(field -> field.name().equals(key)).findFirst().orElseThrow()).toList();
    }
}
