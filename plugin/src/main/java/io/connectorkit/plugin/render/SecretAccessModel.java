package io.connectorkit.plugin.render;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.runtime.config.SecretReference;
import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.spi.ConnectorDescription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the setup script gives each secret field its secret (SETUP_EXTERNAL_ACCESS) and keeps a typed one (SET_SECRET):
 * the template's model of {@link AppOwnedSecrets}, every piece rendered from the descriptor.
 */
final class SecretAccessModel {

    private final Descriptor descriptor;
    private final Dialect dialect;
    private final List<ConnectorDescription.Field> fields;

    SecretAccessModel(Descriptor descriptor, Dialect dialect) {
        this.descriptor = descriptor;
        this.dialect = dialect;
        this.fields = AppOwnedSecrets.fields(descriptor);
    }

    /**
     * Per secret field, the variable SETUP_EXTERNAL_ACCESS chooses its secret in: the field's reference once the
     * consumer bound a SECRET to it, else the app's own secret once SET_SECRET stored one (AppOwnedSecrets).
     */
    List<Map<String, Object>> choices() {
        List<Map<String, Object>> choices = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i).name();
            String reference = SecretReference.nameOf(field);
            choices.add(Map.of(
                    "variable", secretVariable(i),
                    "field", text(field),
                    "reference", text(reference),
                    "byReference", dialect.sqlLiteral("reference(" + dialect.sqlLiteral(reference) + ")"),
                    "owned", AppOwnedSecrets.objectName(field),
                    "ownedText", dialect.sqlLiteral(AppOwnedSecrets.objectName(field))));
        }
        return choices;
    }

    /**
     * ALTER PROCEDURE of each procedure that runs connector code, with its secrets and the integrations: the text
     * for EXECUTE IMMEDIATE, assembled from the secret variables ({@link #choices}) and the integrations'
     * text, all rendered from the descriptor.
     */
    List<String> alterStatements(String integrations) {
        StringBuilder secrets = new StringBuilder();
        if (!fields.isEmpty()) {
            secrets.append(dialect.sqlLiteral(" SECRETS = (")).append(" || ");
            for (int i = 0; i < fields.size(); i++) {
                secrets.append(dialect.sqlLiteral((i == 0 ? "" : ", ") + dialect.sqlLiteral(fields.get(i).name())
                        + " = ")).append(" || ").append(secretVariable(i)).append(" || ");
            }
            secrets.append("')'").append(" || ");
        }
        return Arrays.stream(PublicProcedure.values()).filter(PublicProcedure::runsConnectorCode)
                .map(procedure -> dialect.sqlLiteral("ALTER PROCEDURE PUBLIC." + procedure.name() + "("
                        + procedure.arguments().stream().map(argument -> argument.type().name())
                                .collect(Collectors.joining(", "))
                        + ") SET") + " || " + secrets + dialect.sqlLiteral(" EXTERNAL_ACCESS_INTEGRATIONS = (")
                        + " || " + integrations + " || ')'")
                .toList();
    }

    /** What SET_SECRET's texts say: the fields it takes, and what the procedures wait for besides the secret. */
    Map<String, Object> setSecret() {
        List<String> names = fields.stream().map(ConnectorDescription.Field::name).toList();
        List<String> integrations = descriptor.manifest().references().stream()
                .filter(reference -> reference.objectType().equals(AppModel.EXTERNAL_ACCESS_INTEGRATION))
                .filter(reference -> !reference.multiValued()).map(Descriptor.Reference::name).toList();
        boolean consumerIntegration = descriptor.manifest().externalAccessSpecifications().isEmpty();
        String waitsFor = (names.size() > 1 ? "every secret field (" + String.join(", ", names) + ") has a secret"
                : "") + (consumerIntegration ? (names.size() > 1 ? " and " : "") + "an integration is bound to "
                        + String.join(" and ", integrations) : names.size() > 1 ? "" : "the app is set up");
        return Map.of(
                "procedure", AppOwnedSecrets.PROCEDURE,
                "unknownField", text("SET_SECRET: FIELD is not a secret field of this connector; give one of "
                        + String.join(", ", names) + " (the secret fields of configuration.connection in "
                        + "connector.yaml)."),
                "waiting", text(" is set; the connector gets it once " + waitsFor + "."),
                "consumerIntegration", consumerIntegration);
    }

    private static String secretVariable(int index) {
        return "SECRET_" + (index + 1);
    }

    private EscapedValue text(String value) {
        return new EscapedValue(value, dialect);
    }
}
