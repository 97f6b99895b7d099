package io.connectorkit.plugin.render;

import io.connectorkit.plugin.configure.Json;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.descriptor.Telemetry;
import io.connectorkit.plugin.streamlit.StreamlitApp;
import io.connectorkit.runtime.config.FieldType;
import io.connectorkit.runtime.config.SecretReference;
import io.connectorkit.runtime.embedded.EmbeddedSchema;
import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.snowflake.SnowflakeProcedures;
import io.connectorkit.runtime.spi.ConnectorDescription;
import io.connectorkit.runtime.spi.Prerequisite;
import io.connectorkit.runtime.sql.Identifier;
import io.connectorkit.runtime.state.StateStore;
import io.connectorkit.runtime.status.ConnectorState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The data model the templates render: descriptor values wrapped as {@link EscapedValue}, the runtime's procedure catalog,
 * and what the project adds. Documented for template overrides in the templates module's README.
 */
final class AppModel {

    static final String EXTERNAL_ACCESS_INTEGRATION = "EXTERNAL ACCESS INTEGRATION";

    private final Descriptor descriptor;
    private final AppInputs inputs;
    private final Dialect dialect;

    AppModel(Descriptor descriptor, AppInputs inputs, Dialect dialect) {
        this.descriptor = descriptor;
        this.inputs = inputs;
        this.dialect = dialect;
    }

    Map<String, Object> toMap() {
        Map<String, Object> model = new HashMap<>();
        model.put("generator", inputs.generator());
        model.put("dialect", dialect.folder());
        model.put(
                "app",
                Map.of(
                        "name", text(descriptor.app().name()),
                        "label", text(descriptor.app().label()),
                        "version", text(descriptor.app().version()),
                        "comment", text(descriptor.app().comment()),
                        "javaRuntime", descriptor.app().javaRuntime()));
        model.put(
                "cli",
                Map.of(
                        "appName", text(descriptor.app().cliAppName()),
                        "packageName", text(descriptor.app().cliPackageName()),
                        "kitAppName", text(descriptor.app().name()),
                        "kitPackageName", text(descriptor.app().packageName())));
        model.put(
                "prerequisites",
                descriptor.prerequisites().stream().map(this::prerequisite).toList());
        model.put(
                "connectorFields",
                descriptor.connectorFields().stream().map(this::field).toList());
        model.put(
                "connectionFields",
                descriptor.connectionFields().stream().map(this::field).toList());
        model.put("secretFields", secretFields());
        model.put("mask", FieldType.MASK);
        model.put("initialStatus", ConnectorState.INSTALLED.toJsonText());
        model.put(
                "procedures",
                Arrays.stream(PublicProcedure.values()).map(AppModel::procedure).toList());
        model.put(
                "runtime",
                Map.of(
                        "snowparkPackage", descriptor.app().snowparkPackage(),
                        "imports",
                                inputs.libraries().stream()
                                        .map(library -> text("/lib/" + library))
                                        .toList()));
        model.put("manifest", manifest());
        model.put(
                "registerReference",
                references().stream()
                        .anyMatch(reference -> reference.registerCallback().equals("PUBLIC.REGISTER_REFERENCE")));
        model.put(
                "multiValuedReferences",
                references().stream()
                        .filter(Descriptor.Reference::multiValued)
                        .map(reference -> text(reference.name()))
                        .toList());
        model.put("referenceConfigurations", referenceConfigurations());
        externalAccess().ifPresent(access -> model.put("externalAccess", access));
        if (AppOwnedSecrets.offered(descriptor)) {
            model.put("setSecret", new SecretAccessModel(descriptor, dialect).setSecret());
        }
        model.put("specifications", specifications());
        model.put(
                "extraSql",
                inputs.extraSql().getOrDefault(dialect, List.of()).stream()
                        .map(script -> Map.of("path", text(script.path()), "content", script.content()))
                        .toList());
        model.put("local", Map.of("statements", EmbeddedSchema.statements()));
        if (descriptor.ui().streamlit()) {
            model.put(
                    "streamlit",
                    Map.of(
                            "schema", StreamlitApp.SCHEMA,
                            "name", StreamlitApp.OBJECT,
                            "folder", text("/" + StreamlitApp.FOLDER),
                            "mainFile", text(StreamlitApp.MAIN_FILE),
                            "title", text(descriptor.app().label())));
        }
        return model;
    }

    private Map<String, Object> prerequisite(Prerequisite prerequisite) {
        Map<String, Object> model = new HashMap<>();
        model.put("id", text(prerequisite.id()));
        model.put("title", text(prerequisite.title()));
        model.put("description", text(prerequisite.description()));
        model.put("learnMoreUrl", text(prerequisite.learnMoreUrl()));
        model.put("documentationUrl", text(prerequisite.documentationUrl()));
        model.put("guideUrl", text(prerequisite.guideUrl()));
        model.put("position", prerequisite.position());
        return model;
    }

    private Map<String, Object> field(ConnectorDescription.Field field) {
        Map<String, Object> model = new HashMap<>();
        model.put("name", text(field.name()));
        model.put("type", field.type().label());
        model.put("required", field.required());
        model.put("defaultJson", text(field.defaultJson()));
        model.put("description", text(field.description()));
        model.put("choices", field.choices().stream().map(this::text).toList());
        return model;
    }

    /** Secret fields are connection fields only; the descriptor loader refuses others. */
    private List<Map<String, Object>> secretFields() {
        return descriptor.connectionFields().stream()
                .filter(field -> field.type() == FieldType.SECRET)
                .map(field -> Map.<String, Object>of(
                        "group",
                        text(StateStore.CONNECTION_CONFIGURATION),
                        "name",
                        text(field.name()),
                        "reference",
                        text(SecretReference.nameOf(field.name()))))
                .toList();
    }

    private static Map<String, Object> procedure(PublicProcedure procedure) {
        Map<String, Object> model = new HashMap<>();
        model.put("name", procedure.name());
        model.put(
                "signature",
                procedure.arguments().stream()
                        .map(PublicProcedure.Argument::declaration)
                        .collect(Collectors.joining(", ")));
        model.put(
                "argumentTypes",
                procedure.arguments().stream()
                        .map(argument -> argument.type().name())
                        .collect(Collectors.joining(", ")));
        model.put("handler", SnowflakeProcedures.class.getName() + "." + procedure.handlerMethod());
        model.put("access", procedure.access().name());
        model.put("changesState", procedure.changesState());
        model.put("runsConnectorCode", procedure.runsConnectorCode());
        model.put(
                "roles",
                switch (procedure.access()) {
                    case ADMIN_AND_VIEWER -> List.of("ADMIN", "VIEWER");
                    case ADMIN -> List.of("ADMIN");
                    case INTERNAL -> List.of();
                });
        return model;
    }

    /**
     * What the procedures that run connector code need to reach the source in Snowflake: the external access
     * integrations the consumer binds (single-valued references of that type) or those the app creates for its
     * EXTERNAL_ACCESS specifications, and every secret field's reference. Absent without either: Snowflake gives a
     * procedure secrets only together with an integration.
     */
    private Optional<Map<String, Object>> externalAccess() {
        List<String> integrationNames = descriptor.manifest().references().stream()
                .filter(reference -> reference.objectType().equals(EXTERNAL_ACCESS_INTEGRATION))
                .filter(reference -> !reference.multiValued())
                .map(Descriptor.Reference::name)
                .toList();
        List<EscapedValue> integrations =
                integrationNames.stream().map(this::text).toList();
        List<Descriptor.Specification> specified = descriptor.manifest().externalAccessSpecifications();
        if (integrations.isEmpty() && specified.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Object>> procedures = Arrays.stream(PublicProcedure.values())
                .filter(PublicProcedure::runsConnectorCode)
                .map(AppModel::procedure)
                .toList();
        SecretAccessModel secretAccess = new SecretAccessModel(descriptor, dialect);
        Map<String, Object> access = new HashMap<>();
        access.put("integrations", integrations);
        access.put("required", integrations);
        access.put("secrets", secretAccess.choices());
        access.put("procedures", procedures);
        access.put("created", createdIntegrations(specified));
        access.put(
                "alterStatements",
                secretAccess.alterStatements(
                        specified.isEmpty()
                                ? integrationNames.stream()
                                        .map(integration -> dialect.sqlLiteral(
                                                "reference(" + dialect.sqlLiteral(integration) + ")"))
                                        .collect(Collectors.joining(" || ', ' || "))
                                : IntStream.range(0, specified.size())
                                        .mapToObj(AppModel::integrationVariable)
                                        .collect(Collectors.joining(" || ', ' || "))));
        return Optional.of(access);
    }

    /**
     * The integration each EXTERNAL_ACCESS specification's app creates: named after the application (an account
     * object, so two installs of the app in one account must not share it), which only the running app knows, so the
     * statements are built as text for EXECUTE IMMEDIATE. The variable holds the quoted name; the statement creates
     * it over the specification's network rule, allowing the secrets the procedures are given
     * (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-app-specs-eai).
     */
    private List<Map<String, Object>> createdIntegrations(List<Descriptor.Specification> specified) {
        // all: a field's secret is the consumer's bound SECRET or the app's own (AppOwnedSecrets), whichever it has.
        String allowedSecrets = descriptor.secretReferences().isEmpty() ? "none" : "all";
        List<Map<String, Object>> created = new ArrayList<>();
        for (int i = 0; i < specified.size(); i++) {
            Descriptor.Specification specification = specified.get(i);
            String variable = integrationVariable(i);
            created.add(Map.of(
                    "variable", variable,
                    "name",
                            "'\"' || REPLACE(CURRENT_DATABASE(), '\"', '\"\"') || "
                                    + dialect.sqlLiteral("_" + specification.name() + "\""),
                    "create",
                            dialect.sqlLiteral("CREATE EXTERNAL ACCESS INTEGRATION IF NOT EXISTS ") + " || "
                                    + variable + " || "
                                    + dialect.sqlLiteral(" ALLOWED_NETWORK_RULES = ("
                                            + networkRule(specification) + ") ALLOWED_AUTHENTICATION_SECRETS = "
                                            + allowedSecrets + " ENABLED = TRUE")));
        }
        return created;
    }

    private static String integrationVariable(int index) {
        return "INTEGRATION_" + (index + 1);
    }

    /** The network rule of an EXTERNAL_ACCESS specification, in the app's non-versioned STATE schema. */
    static String networkRule(Descriptor.Specification specification) {
        return "STATE." + Identifier.ofName(specification.name() + "_RULE").sql();
    }

    /** The specifications as the setup script sets them. */
    private List<Map<String, Object>> specifications() {
        return descriptor.manifest().specifications().stream()
                .map(specification -> {
                    Map<String, Object> item = new HashMap<>();
                    item.put("name", text(specification.name()));
                    item.put("type", specification.type());
                    item.put("externalAccess", specification.isExternalAccess());
                    item.put("label", text(specification.label()));
                    item.put("description", text(specification.description()));
                    item.put(
                            "hosts",
                            specification.hosts().stream().map(this::text).toList());
                    item.put("rule", specification.isExternalAccess() ? networkRule(specification) : "");
                    item.put("oauthType", text(specification.oauthType()));
                    item.put("tokenEndpoint", text(specification.tokenEndpoint()));
                    if (specification.authorizationEndpoint() != null) {
                        item.put("authorizationEndpoint", text(specification.authorizationEndpoint()));
                    }
                    item.put(
                            "scopes",
                            specification.scopes().stream().map(this::text).toList());
                    return item;
                })
                .toList();
    }

    /**
     * What the generated configuration callback answers for each reference that uses it: for an external access
     * integration, the hosts it must reach and the secrets it must allow (the listed secret references, none, or all
     * when the app keeps typed secrets of its own); for a secret, its type (the kit binds GENERIC_STRING secrets).
     * Payloads as documented in https://docs.snowflake.com/en/developer-guide/native-apps/requesting-refs
     * (allowed_secrets NONE, ALL or LIST, as in
     * https://docs.snowflake.com/en/developer-guide/native-apps/container-eai-example).
     */
    private List<Map<String, Object>> referenceConfigurations() {
        List<String> secretReferences = references().stream()
                .filter(reference -> reference.objectType().equals("SECRET"))
                .map(Descriptor.Reference::name)
                .toList();
        List<Map<String, Object>> configurations = new ArrayList<>();
        for (Descriptor.Reference reference : references()) {
            if (!Descriptor.DEFAULT_CONFIGURATION_CALLBACK.equals(reference.configurationCallback())) {
                continue;
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            if (reference.objectType().equals(EXTERNAL_ACCESS_INTEGRATION)) {
                payload.put("host_ports", reference.hosts());
                if (AppOwnedSecrets.offered(descriptor)) {
                    // A secret typed in the app (SET_SECRET) is the app's own SECRET, which no secret reference
                    // names and no consumer role can see, so the integration made from this answer must allow all
                    // secrets, as the app-made v2 integration does; the procedures still get only the secrets their
                    // SECRETS clause names.
                    payload.put("allowed_secrets", "ALL");
                } else {
                    payload.put("allowed_secrets", secretReferences.isEmpty() ? "NONE" : "LIST");
                    if (!secretReferences.isEmpty()) {
                        payload.put("secret_references", secretReferences);
                    }
                }
            } else {
                payload.put("type", "GENERIC_STRING");
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("type", "CONFIGURATION");
            answer.put("payload", payload);
            configurations.add(Map.of("name", text(reference.name()), "payload", text(Json.write(answer))));
        }
        return configurations;
    }

    private Map<String, Object> manifest() {
        Map<String, Object> model = new HashMap<>();
        model.put("version", descriptor.manifest().version());
        model.put("grantsPrivilegesAutomatically", descriptor.manifest().grantsPrivilegesAutomatically());
        model.put(
                "privileges",
                descriptor.manifest().privileges().stream()
                        .map(privilege ->
                                Map.of("name", text(privilege.name()), "description", text(privilege.description())))
                        .toList());
        model.put(
                "references",
                references().stream()
                        .map(reference -> {
                            Map<String, Object> item = new LinkedHashMap<>();
                            item.put("name", text(reference.name()));
                            item.put("label", text(reference.label()));
                            item.put("description", text(reference.description()));
                            item.put("objectType", text(reference.objectType()));
                            item.put(
                                    "privileges",
                                    reference.privileges().stream()
                                            .map(this::text)
                                            .toList());
                            item.put("multiValued", reference.multiValued());
                            item.put("registerCallback", text(reference.registerCallback()));
                            if (reference.configurationCallback() != null) {
                                item.put("configurationCallback", text(reference.configurationCallback()));
                            }
                            return item;
                        })
                        .toList());
        if (descriptor.manifest().defaultStreamlit() != null) {
            model.put("defaultStreamlit", text(descriptor.manifest().defaultStreamlit()));
        } else if (descriptor.ui().streamlit()) {
            model.put("defaultStreamlit", text(StreamlitApp.OBJECT));
        }
        Telemetry telemetry = descriptor.manifest().telemetry();
        model.put(
                "telemetry",
                Map.of(
                        "logLevel", text(telemetry.logLevel()),
                        "traceLevel", text(telemetry.traceLevel()),
                        "events",
                                telemetry.events().stream()
                                        .map(event ->
                                                Map.of("type", text(event.type()), "sharing", text(event.sharing())))
                                        .toList()));
        return model;
    }

    /** The descriptor's references, then one per secret connection field. */
    private List<Descriptor.Reference> references() {
        List<Descriptor.Reference> references =
                new ArrayList<>(descriptor.manifest().references());
        references.addAll(descriptor.secretReferences());
        return references;
    }

    private EscapedValue text(String value) {
        return new EscapedValue(value, dialect);
    }
}
