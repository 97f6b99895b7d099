package io.connectorkit.plugin.render;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.runtime.config.FieldType;
import io.connectorkit.runtime.spi.ConnectorDescription;
import io.connectorkit.runtime.sql.Identifier;
import java.util.List;
import java.util.Locale;

/**
 * The secrets a Snowflake app keeps itself, one per secret connection field, for a consumer who types the value (the
 * Streamlit app's password input) instead of binding a SECRET of their own to the field's reference. The setup script
 * defines {@value #PROCEDURE}, which stores the value in {@code STATE.<FIELD>_VALUE} (the non-versioned schema, so
 * upgrades keep it); SETUP_EXTERNAL_ACCESS gives a procedure the bound reference when there is one, else that secret.
 */
public final class AppOwnedSecrets {

    /** The ADMIN-only procedure that sets the app's own secret of a field: {@code SET_SECRET(FIELD, VALUE)}. */
    public static final String PROCEDURE = "SET_SECRET";

    private AppOwnedSecrets() {
    }

    /**
     * Whether the app offers {@value #PROCEDURE}: it has secret fields and an external access integration to give
     * them with (Snowflake gives a procedure secrets only together with an integration).
     *
     * @param descriptor the connector's descriptor
     * @return whether the setup script defines the procedure
     */
    public static boolean offered(Descriptor descriptor) {
        return !fields(descriptor).isEmpty() && hasExternalAccess(descriptor);
    }

    /**
     * The secret's name in the app, {@code STATE."API_TOKEN_VALUE"} for {@code api_token}.
     *
     * @param fieldName the secret field's name
     * @return the schema-qualified, quoted name
     */
    public static String objectName(String fieldName) {
        return "STATE." + Identifier.ofName(fieldName.toUpperCase(Locale.ROOT) + "_VALUE").sql();
    }

    static List<ConnectorDescription.Field> fields(Descriptor descriptor) {
        return descriptor.connectionFields().stream().filter(field -> field.type() == FieldType.SECRET).toList();
    }

    static boolean hasExternalAccess(Descriptor descriptor) {
        return !descriptor.manifest().externalAccessSpecifications().isEmpty()
                || descriptor.manifest().references().stream()
                        .anyMatch(reference -> reference.objectType().equals(AppModel.EXTERNAL_ACCESS_INTEGRATION)
                                && !reference.multiValued());
    }
}
