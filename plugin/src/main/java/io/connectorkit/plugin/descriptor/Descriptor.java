package io.connectorkit.plugin.descriptor;

import io.connectorkit.runtime.config.FieldType;
import io.connectorkit.runtime.config.SecretReference;
import io.connectorkit.runtime.spi.ConnectorDescription;
import io.connectorkit.runtime.spi.Prerequisite;
import io.connectorkit.runtime.spi.SpiRole;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A connector's {@code connector.yaml}, read and validated: the single source the app is rendered from.
 *
 * @param file the descriptor file
 * @param app name, label, version, Java runtime
 * @param prerequisites in display order
 * @param connectorFields the connector's own keys of {@code connector_configuration}
 * @param connectionFields the keys of {@code connection_configuration}
 * @param classes the connector's classes by the role they play
 * @param manifest what the app asks of the consumer's account
 * @param extraSql SQL scripts appended to the setup script, per dialect
 * @param files folders copied into the app (a Streamlit UI, for example)
 * @param classLines the line of the file that names each class, for the checks that load the classes later
 * @param ui what the kit generates for the consumer's eyes ({@code ui:})
 */
public record Descriptor(Path file, App app, List<Prerequisite> prerequisites,
        List<ConnectorDescription.Field> connectorFields, List<ConnectorDescription.Field> connectionFields,
        Map<SpiRole, String> classes, Manifest manifest, Map<String, List<Path>> extraSql, List<AppFiles> files,
        Map<SpiRole, Integer> classLines, Ui ui) {

    /** The Java runtime the runtime's bytecode needs in Snowflake. */
    public static final int JAVA_RUNTIME = 17;

    public Descriptor {
        prerequisites = List.copyOf(prerequisites);
        connectorFields = List.copyOf(connectorFields);
        connectionFields = List.copyOf(connectionFields);
        classes = Map.copyOf(classes);
        extraSql = Map.copyOf(extraSql);
        files = List.copyOf(files);
        classLines = Map.copyOf(classLines);
        ui = ui == null ? Ui.DEFAULT : ui;
    }

    /** A descriptor whose class lines are not known (built in code rather than read from a file). */
    public Descriptor(Path file, App app, List<Prerequisite> prerequisites,
            List<ConnectorDescription.Field> connectorFields, List<ConnectorDescription.Field> connectionFields,
            Map<SpiRole, String> classes, Manifest manifest, Map<String, List<Path>> extraSql, List<AppFiles> files) {
        this(file, app, prerequisites, connectorFields, connectionFields, classes, manifest, extraSql, files, Map.of(),
                Ui.DEFAULT);
    }

    /** A descriptor with the default {@link Ui}. */
    public Descriptor(Path file, App app, List<Prerequisite> prerequisites,
            List<ConnectorDescription.Field> connectorFields, List<ConnectorDescription.Field> connectionFields,
            Map<SpiRole, String> classes, Manifest manifest, Map<String, List<Path>> extraSql, List<AppFiles> files,
            Map<SpiRole, Integer> classLines) {
        this(file, app, prerequisites, connectorFields, connectionFields, classes, manifest, extraSql, files,
                classLines, Ui.DEFAULT);
    }

    /**
     * What the kit generates for the consumer's eyes.
     *
     * @param streamlit whether the Snowflake app gets the generated Streamlit app (the wizard and the daily-use
     *     pages, {@code ui.streamlit}, on unless turned off)
     */
    public record Ui(boolean streamlit) {
        /** The generated Streamlit app on. */
        public static final Ui DEFAULT = new Ui(true);
    }

    /**
     * The Snowpark package every Java procedure declares in PACKAGES, as {@code <group>:<artifact>}: the name
     * INFORMATION_SCHEMA.PACKAGES lists it under (https://docs.snowflake.com/en/sql-reference/sql/create-procedure).
     */
    public static final String SNOWPARK_PACKAGE = "com.snowflake:snowpark";

    /**
     * The oldest Snowpark version the runtime runs on, and the one the procedures pin when the descriptor names none:
     * the first with {@code Session.sql(String, Object...)}, through which the runtime binds every value (tag v1.15.0
     * of github.com/snowflakedb/snowpark-java-scala; 1.14.0, which the Native SDK for Connectors' examples pin, lacks
     * it). Snowflake installs only the versions its server-side list offers
     * (https://docs.snowflake.com/en/sql-reference/info-schema/packages).
     */
    public static final String DEFAULT_SNOWPARK_VERSION = "1.15.0";

    private static final String CLI_SUFFIX = "_cli";

    /** The application package an app is installed from by default: the app's name with {@code _pkg}. */
    public static String packageOf(String app) {
        return app + "_pkg";
    }

    /**
     * The app's identity.
     *
     * @param snowparkVersion the version of {@link #SNOWPARK_PACKAGE} the procedures pin, or {@code latest}
     */
    public record App(String name, String label, String version, int javaRuntime, String comment,
            String snowparkVersion) {

        /** The application package connector:deploy installs this app from unless told another. */
        public String packageName() {
            return packageOf(name);
        }

        /**
         * The application {@code snow app run} creates from the generated snowflake.yml: named apart from the one
         * connector:deploy installs, since each tool refuses to change an app the other created.
         */
        public String cliAppName() {
            return name + CLI_SUFFIX;
        }

        /** The application package of {@link #cliAppName()}. */
        public String cliPackageName() {
            return packageOf(cliAppName());
        }

        /** The PACKAGES entry of every Java procedure, such as {@code com.snowflake:snowpark:1.15.0}. */
        public String snowparkPackage() {
            return SNOWPARK_PACKAGE + ":" + snowparkVersion;
        }
    }

    /**
     * What the app requests from the consumer.
     *
     * @param version the manifest's {@code manifest_version}: 2 (the default) grants the listed privileges at install
     *     and upgrade, and they cannot be revoked; 1 has the consumer grant them, as SDK apps do
     * @param specifications the app specifications the setup script sets for the consumer to approve (version 2 only)
     * @param telemetry the log and trace levels and the event definitions ({@code manifest.telemetry})
     */
    public record Manifest(List<Privilege> privileges, List<Reference> references, String defaultStreamlit,
            int version, List<Specification> specifications, Telemetry telemetry) {
        /** The manifest version of a descriptor that names none. */
        public static final int DEFAULT_VERSION = 2;

        /**
         * The privileges Snowflake grants automatically under manifest version 2
         * (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-auto-privs).
         */
        public static final List<String> AUTOMATICALLY_GRANTED = List.of("EXECUTE TASK", "EXECUTE MANAGED TASK",
                "CREATE WAREHOUSE", "CREATE COMPUTE POOL", "BIND SERVICE ENDPOINT", "CREATE DATABASE",
                "CREATE EXTERNAL ACCESS INTEGRATION", "CREATE SECURITY INTEGRATION");

        public Manifest {
            privileges = List.copyOf(privileges);
            references = List.copyOf(references);
            specifications = List.copyOf(specifications);
            telemetry = telemetry == null ? Telemetry.DEFAULT : telemetry;
        }

        public Manifest(List<Privilege> privileges, List<Reference> references, String defaultStreamlit,
                int version) {
            this(privileges, references, defaultStreamlit, version, List.of(), Telemetry.DEFAULT);
        }

        public Manifest(List<Privilege> privileges, List<Reference> references, String defaultStreamlit) {
            this(privileges, references, defaultStreamlit, DEFAULT_VERSION);
        }

        /** The EXTERNAL_ACCESS specifications: each one a network rule and an integration the app creates. */
        public List<Specification> externalAccessSpecifications() {
            return specifications.stream().filter(Specification::isExternalAccess).toList();
        }

        /** Whether Snowflake grants the listed privileges itself (manifest version 2). */
        public boolean grantsPrivilegesAutomatically() {
            return version >= 2;
        }
    }

    /**
     * An app specification (manifest version 2): what the app asks the consumer to approve before it connects outside
     * Snowflake (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-app-specs). For
     * {@code EXTERNAL_ACCESS} the app creates a network rule of the hosts and an external access integration over
     * it; for {@code SECURITY_INTEGRATION} it declares the OAuth flow it uses.
     *
     * @param name the specification's name, which the consumer approves it by
     * @param type {@code EXTERNAL_ACCESS} or {@code SECURITY_INTEGRATION}
     * @param label what Snowsight shows the consumer; unique among the app's specifications
     * @param hosts EXTERNAL_ACCESS: the {@code host[:port]}s; empty otherwise
     * @param oauthType SECURITY_INTEGRATION: CLIENT_CREDENTIALS, AUTHORIZATION_CODE or JWT_BEARER; null otherwise
     * @param tokenEndpoint SECURITY_INTEGRATION: the OAuth token endpoint
     * @param authorizationEndpoint SECURITY_INTEGRATION: the authorization endpoint, or null
     * @param scopes SECURITY_INTEGRATION: the allowed scopes (required for CLIENT_CREDENTIALS)
     */
    public record Specification(String name, String type, String label, String description, List<String> hosts,
            String oauthType, String tokenEndpoint, String authorizationEndpoint, List<String> scopes) {
        /** The specification types the kit renders. */
        public static final List<String> TYPES = List.of("EXTERNAL_ACCESS", "SECURITY_INTEGRATION");
        /** The OAuth flows a SECURITY_INTEGRATION specification can declare. */
        public static final List<String> OAUTH_TYPES = List.of("CLIENT_CREDENTIALS", "AUTHORIZATION_CODE",
                "JWT_BEARER");

        public Specification {
            hosts = List.copyOf(hosts);
            scopes = List.copyOf(scopes);
        }

        public boolean isExternalAccess() {
            return type.equals("EXTERNAL_ACCESS");
        }
    }

    /** An account privilege the app requests, with the reason shown to the consumer. */
    public record Privilege(String name, String description) {
    }

    /**
     * An object the consumer binds to the app (a warehouse, a secret, an external access integration).
     *
     * @param hosts for an external access integration, the {@code host[:port]}s the connector reaches, which the
     *     configuration callback tells Snowsight; empty otherwise
     * @param configurationCallback the procedure Snowflake asks what the bound object must be; null for the object
     *     types that take none
     */
    public record Reference(String name, String label, String description, String objectType, List<String> privileges,
            boolean multiValued, String registerCallback, String configurationCallback, List<String> hosts) {
        public Reference {
            privileges = List.copyOf(privileges);
            hosts = List.copyOf(hosts);
        }

        /** Whether Snowflake requires a configuration callback for this reference (and refuses multi_valued). */
        public boolean needsConfigurationCallback() {
            return NEEDS_CONFIGURATION_CALLBACK.contains(objectType);
        }
    }

    /**
     * Object types whose references need a configuration callback and cannot be multi-valued
     * (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-refs).
     */
    public static final List<String> NEEDS_CONFIGURATION_CALLBACK = List.of("SECRET", "EXTERNAL ACCESS INTEGRATION");

    /** The configuration callback the kit generates for the references that need one and name none. */
    public static final String DEFAULT_CONFIGURATION_CALLBACK = "PUBLIC.GET_REFERENCE_CONFIG";

    /** A folder of the project copied into the app under {@code target}. */
    public record AppFiles(Path source, String target) {
    }

    /**
     * The reference the app declares for each secret connection field, named after it ({@code api_token} →
     * {@code API_TOKEN_SECRET}): the consumer binds a Snowflake {@code SECRET} to it, and the field's value names it.
     */
    public List<Reference> secretReferences() {
        return connectionFields.stream().filter(field -> field.type() == FieldType.SECRET)
                .map(field -> new Reference(SecretReference.nameOf(field.name()), field.name(),
                        field.description().isBlank() ? "Secret of the connection field " + field.name()
                                : field.description(),
                        "SECRET", List.of("READ"), false, ManifestReader.DEFAULT_REGISTER_CALLBACK,
                        DEFAULT_CONFIGURATION_CALLBACK, List.of()))
                .toList();
    }

    /** The description the runtime reads from the connector's jar. */
    public ConnectorDescription toDescription() {
        return new ConnectorDescription(app.name(), app.version(), prerequisites, connectorFields, connectionFields,
                classes);
    }
}
