package io.connectorkit.plugin.configure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.yaml.Problem;
import io.connectorkit.plugin.testing.ProblemPaths;
import io.connectorkit.plugin.testing.TestProjects;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.assertj.core.groups.Tuple;

/** Configuration files against the full descriptor (GitHub connector): the good one, and one problem per bad one. */
class ConfigurationFileLoaderTest {

    static final String TOKEN = "ghp_TOKEN_THAT_MUST_NOT_LEAK_4711";

    private static final String VALID = """
            prerequisites: all
            connector:
              warehouse: CONNECTOR_WH
              destination_database: GITHUB_DATA
              destination_schema: ISSUES
              page_size: ${env.PAGE_SIZE}
              include_closed: true
              global_schedule:
                scheduleType: CRON
                scheduleDefinition: "0 * * * *"
            connection:
              base_url: https://${env.GITHUB_HOST}/
              api_token: ${env.GITHUB_TOKEN}
              organization: ${github.org}
            finalize:
              note: "costs $${not a placeholder}"
            resources:
              - name: connectors-native-sdk
                resourceId: {owner: snowflakedb, repo: connectors-native-sdk}
                ingestionConfigurations:
                  - {id: issues, ingestionStrategy: INCREMENTAL, scheduleType: INTERVAL, scheduleDefinition: 60m}
              - id: docs
                name: docs
                resourceId: ${github.org}/docs
                enabled: false
                metadata: {team: docs}
                ingestionConfigurations:
                  - id: nightly
                    ingestionStrategy: SNAPSHOT
                    scheduleType: CRON
                    scheduleDefinition: "0 2 * * *"
                    destination: {table: DOCS}
                  - {id: always, ingestionStrategy: SNAPSHOT, scheduleType: GLOBAL}
            references:
              GITHUB_EAI: ${github.org}_access
              WAREHOUSE_REFERENCE: '"Connector Wh"'
            """;

    private static Descriptor descriptor;

    @TempDir
    Path folder;

    @BeforeAll
    static void readDescriptor() throws Exception {
        descriptor = TestProjects.descriptor("full");
    }

    private final Map<String, String> environment = Map.of("GITHUB_TOKEN", TOKEN, "GITHUB_HOST", "api.github.com",
            "PAGE_SIZE", "50", "EMPTY", "", "TEN", "ten", "NOT_A_URL", "ftp://files.example.com");

    private final Placeholders placeholders = new Placeholders(new Placeholders.Sources(environment,
            id -> id.equals("github") ? Optional.of(new Placeholders.Server("octocat", TOKEN)) : Optional.empty(),
            name -> name.equals("github.org") ? Optional.of("snowflakedb") : Optional.empty()));

    @Test
    void readsResolvesAndTypesEverySection() throws Exception {
        WizardConfiguration configuration = load(VALID);

        assertThat(configuration.prerequisites().all()).isTrue();
        assertThat(configuration.connector().toString()).isEqualTo("{\"warehouse\":\"CONNECTOR_WH\","
                + "\"destination_database\":\"GITHUB_DATA\",\"destination_schema\":\"ISSUES\",\"page_size\":50,"
                + "\"include_closed\":true,\"global_schedule\":{\"scheduleType\":\"CRON\","
                + "\"scheduleDefinition\":\"0 * * * *\"}}");
        assertThat(configuration.connection().toString())
                .isEqualTo("{\"base_url\":\"https://api.github.com/\",\"organization\":\"snowflakedb\"}");
        assertThat(configuration.secrets()).containsExactly(Map.entry("api_token", TOKEN));
        assertThat(configuration.finalizeConfiguration().toString()).isEqualTo("{\"note\":\"costs ${not a placeholder}\"}");
        assertThat(configuration.resources().orElseThrow()).extracting(ResourceSpec::label, ResourceSpec::enabled)
                .containsExactly(Tuple.tuple("connectors-native-sdk", true),
                        Tuple.tuple("docs", false));
        assertThat(configuration.resources().orElseThrow().get(1).resourceId().asText()).isEqualTo("snowflakedb/docs");
        assertThat(configuration.resources().orElseThrow().get(1).ingestionConfigurations()).hasSize(2);
        assertThat(configuration.references()).extracting(binding -> binding.reference().name(),
                binding -> binding.reference().objectType(), binding -> binding.object().sql())
                .containsExactly(Tuple.tuple("GITHUB_EAI", "EXTERNAL ACCESS INTEGRATION",
                                "\"SNOWFLAKEDB_ACCESS\""),
                        Tuple.tuple("WAREHOUSE_REFERENCE", "WAREHOUSE", "\"Connector Wh\""));
        assertThat(configuration.toString()).doesNotContain(TOKEN).contains("api_token=********");
    }

    @Test
    void takesSecretsFromSettingsServersAndPrerequisitesById() throws Exception {
        WizardConfiguration configuration = load("""
                prerequisites: [token, network]
                connection:
                  base_url: https://api.github.com
                  api_token: ${settings.github.password}
                """);

        assertThat(configuration.prerequisites().ids()).containsExactly("token", "network");
        assertThat(configuration.secrets()).containsExactly(Map.entry("api_token", TOKEN));
        assertThat(configuration.connector().isEmpty()).isTrue();
    }

    static Stream<Arguments> badFiles() {
        String connection = "connection:\n  base_url: https://api.github.com\n  api_token: ${env.GITHUB_TOKEN}\n";
        return Stream.of(
                bad("misspelled section", "conector:\n  warehouse: WH\n" + connection,
                        "configuration.yaml:1: conector: unknown key 'conector'; did you mean 'connector'? the sections "
                                + "of a configuration file are prerequisites, connector, connection, finalize, resources"),
                bad("unknown connector field", "connector:\n  page_sise: 10\n" + connection,
                        "configuration.yaml:2: connector.page_sise: unknown key 'page_sise'; did you mean 'page_size'? "
                                + "the fields of connector (from the descriptor) are warehouse, destination_database, "
                                + "destination_schema, data_owner_role, operational_warehouse, global_schedule, "
                                + "agent_username, agent_role, cortex_warehouse, cortex_user_role, page_size, "
                                + "include_closed"),
                bad("unknown connection field", connection + "  proxy: http://proxy\n",
                        "configuration.yaml:4: connection.proxy: unknown key 'proxy'; the fields of connection (from "
                                + "the descriptor) are base_url, api_token, organization"),
                bad("text for an integer", "connector:\n  page_size: many\n" + connection,
                        "configuration.yaml:2: connector.page_size: the value 'many' is not valid for this integer "
                                + "field: it must be a whole number, but it is a string; fix the value"),
                bad("number for a boolean", "connector:\n  include_closed: 3\n" + connection,
                        "connector.include_closed: the value 3 is not valid for this boolean field: it must be true or "
                                + "false, but it is a number"),
                bad("placeholder that is no number", "connector:\n  page_size: ${env.TEN}\n" + connection,
                        "connector.page_size: the value '${env.TEN}' (resolved to \"ten\") is not valid for this "
                                + "integer field: it must be a whole number"),
                bad("missing required field", "connection:\n  api_token: ${env.GITHUB_TOKEN}\n",
                        "configuration.yaml:1: connection.base_url: the required field 'base_url' of connection is "
                                + "missing or empty; add it under 'connection:' (GitHub API root | usually "
                                + "https://api.github.com)"),
                bad("missing connection section", "prerequisites: all\n",
                        "configuration.yaml:1: connection: the section 'connection' is missing; add it with its required "
                                + "fields base_url, api_token"),
                bad("unset environment variable", "connection:\n  base_url: https://api.github.com\n"
                                + "  api_token: ${env.MISSING_TOKEN}\n",
                        "configuration.yaml:3: connection.api_token: the environment variable MISSING_TOKEN (from "
                                + "${env.MISSING_TOKEN}) is not set; export it before running Maven"),
                bad("unset property", connection + "  organization: ${github.team}\n",
                        "connection.organization: the property 'github.team' (from ${github.team}) is not set; pass "
                                + "-Dgithub.team=... or use ${env.NAME}"),
                bad("unknown settings server", "connection:\n  base_url: https://api.github.com\n"
                                + "  api_token: ${settings.prod.password}\n",
                        "connection.api_token: settings.xml has no <server> with id 'prod' (from "
                                + "${settings.prod.password}); add one"),
                bad("malformed settings placeholder", "connection:\n  base_url: https://api.github.com\n"
                                + "  api_token: ${settings.github}\n",
                        "the placeholder ${settings.github} is not a settings.xml value; write "
                                + "${settings.SERVER_ID.password} or ${settings.SERVER_ID.username}"),
                bad("unclosed placeholder", "connection:\n  base_url: https://${env.GITHUB_HOST\n"
                                + "  api_token: ${env.GITHUB_TOKEN}\n",
                        "connection.base_url: the placeholder '${env.GITHUB_HOST' is not closed"),
                bad("invalid warehouse name", "connector:\n  warehouse: my warehouse\n" + connection,
                        "connector.warehouse: the value 'my warehouse' is not valid for this identifier field"),
                bad("SQL injection in an identifier", "connector:\n  destination_database: 'X; DROP TABLE STATE.APP_STATE'\n"
                                + connection,
                        "connector.destination_database: the value 'X; DROP TABLE STATE.APP_STATE' is not valid for "
                                + "this identifier field"),
                bad("SQL injection in a quoted identifier", "connector:\n  warehouse: '\"WH\"; DROP SCHEMA STATE --'\n"
                                + connection,
                        "connector.warehouse: the value '\"WH\"; DROP SCHEMA STATE --' is not valid"),
                bad("secret written in the file", "connection:\n  base_url: https://api.github.com\n  api_token: "
                                + TOKEN + "\n",
                        "configuration.yaml:3: connection.api_token: the secret field 'api_token' holds its value in "
                                + "the file; secrets never go into files: put it in an environment variable or "
                                + "settings.xml and write ${env.API_TOKEN} or ${settings.SERVER_ID.password}"),
                bad("secret as a mapping", "connection:\n  base_url: https://api.github.com\n  api_token: {value: x}\n",
                        "connection.api_token: the secret field 'api_token' must be a placeholder such as "
                                + "${env.API_TOKEN} or ${settings.SERVER_ID.password}, not a mapping"),
                bad("secret from an empty variable", "connection:\n  base_url: https://api.github.com\n"
                                + "  api_token: ${env.EMPTY}\n",
                        "connection.api_token: the secret field 'api_token' resolves to an empty value"),
                bad("URL that is not http", "connection:\n  base_url: ${env.NOT_A_URL}\n"
                                + "  api_token: ${env.GITHUB_TOKEN}\n",
                        "connection.base_url: the value '${env.NOT_A_URL}' (resolved to \"ftp://files.example.com\") "
                                + "is not valid for this url field: it must start with http:// or https://"),
                bad("bad cron schedule", "connector:\n  global_schedule: {scheduleType: CRON, scheduleDefinition: "
                                + "\"every hour\"}\n" + connection,
                        "connector.global_schedule: the value {\"scheduleType\":\"CRON\",\"scheduleDefinition\":"
                                + "\"every hour\"} is not valid for this object field: its scheduleDefinition 'every "
                                + "hour' is not a valid cron expression"),
                bad("unknown prerequisite", "prerequisites: [network, tokn]\n" + connection,
                        "configuration.yaml:1: prerequisites[1]: unknown prerequisite 'tokn'; did you mean 'token'? the "
                                + "descriptor declares network, token"),
                bad("prerequisite listed twice", "prerequisites: [network, network]\n" + connection,
                        "prerequisites[1]: the prerequisite 'network' is listed twice; list it once"),
                bad("prerequisites neither all nor a list", "prerequisites: yes\n" + connection,
                        "prerequisites: expected 'all' or a list of prerequisite ids, but found"),
                bad("connector section as a list", "connector: [warehouse]\n" + connection,
                        "configuration.yaml:1: connector: expected a mapping of keys, but found a list"),
                bad("finalize as text", "finalize: now\n" + connection,
                        "finalize: expected a mapping of keys, but found 'now'"),
                bad("resources as a mapping", "resources: {name: x}\n" + connection,
                        "resources: expected a list of resources (items starting with '- '), but found a mapping"),
                bad("resource that is not a mapping", "resources: [issues]\n" + connection,
                        "resources[0]: expected a resource (a mapping of its keys), but found 'issues'"),
                bad("resource left null", "resources:\n  - ~\n" + connection,
                        "configuration.yaml:2: resources[0]: expected a resource (a mapping of its keys), but found null"),
                bad("resource with an empty id", "resources:\n  - {id: '', name: issues, resourceId: 1, "
                                + "ingestionConfigurations: [{id: a, ingestionStrategy: SNAPSHOT, scheduleType: GLOBAL}]}\n"
                                + connection,
                        "resources[0].id: 'id' is empty; give it a value or leave it out"),
                bad("resource without a name", "resources:\n  - {resourceId: 1, "
                                + "ingestionConfigurations: [{id: a, ingestionStrategy: SNAPSHOT, scheduleType: GLOBAL}]}\n"
                                + connection,
                        "resources[0].name: 'name' is missing; it is required here (the resource's name, shown in views "
                                + "and stats)"),
                bad("ingestion configuration left null", "resources:\n  - name: issues\n    resourceId: 1\n"
                                + "    ingestionConfigurations:\n      - null\n" + connection,
                        "configuration.yaml:5: resources[0].ingestionConfigurations[0]: expected an ingestion "
                                + "configuration (a mapping), but found null"),
                bad("ingestion configuration without a strategy", "resources:\n  - {name: issues, resourceId: 1, "
                                + "ingestionConfigurations: [{id: a, scheduleType: GLOBAL}]}\n" + connection,
                        "resources[0].ingestionConfigurations[0].ingestionStrategy: 'ingestionStrategy' is missing; use "
                                + "one of SNAPSHOT, INCREMENTAL"),
                bad("resource without resourceId", "resources:\n  - name: issues\n    ingestionConfigurations:\n"
                                + "      - {id: a, ingestionStrategy: INCREMENTAL, scheduleType: GLOBAL}\n" + connection,
                        "configuration.yaml:2: resources[0].resourceId: a resource needs resourceId"),
                bad("resource without configurations", "resources:\n  - {name: issues, resourceId: 1}\n" + connection,
                        "resources[0].ingestionConfigurations: a resource needs at least one ingestion configuration"),
                bad("unknown resource key", "resources:\n  - {name: issues, resourceId: 1, enable: true, "
                                + "ingestionConfigurations: [{id: a, ingestionStrategy: SNAPSHOT, scheduleType: GLOBAL}]}\n"
                                + connection,
                        "resources[0].enable: unknown key 'enable'; did you mean 'enabled'? the keys of a resource are"),
                bad("bad ingestion strategy", "resources:\n  - {name: issues, resourceId: 1, ingestionConfigurations: "
                                + "[{id: a, ingestionStrategy: FULL, scheduleType: GLOBAL}]}\n" + connection,
                        "resources[0].ingestionConfigurations[0].ingestionStrategy: 'FULL' is not a valid "
                                + "ingestionStrategy; use one of SNAPSHOT, INCREMENTAL"),
                bad("bad interval", "resources:\n  - {name: issues, resourceId: 1, ingestionConfigurations: "
                                + "[{id: a, ingestionStrategy: SNAPSHOT, scheduleType: INTERVAL, scheduleDefinition: 90s}]}\n"
                                + connection,
                        "resources[0].ingestionConfigurations[0].scheduleDefinition: '90s' is not an interval: write a "
                                + "number and one of the letters d, h, m, such as 15m, 6h or 1d"),
                bad("bad cron schedule of a resource", "resources:\n  - {name: issues, resourceId: 1, "
                                + "ingestionConfigurations: [{id: a, ingestionStrategy: SNAPSHOT, scheduleType: CRON, "
                                + "scheduleDefinition: '61 * * * *'}]}\n" + connection,
                        "scheduleDefinition: '61 * * * *' is not a 5-field cron expression"),
                bad("configuration id twice", "resources:\n  - {name: issues, resourceId: 1, ingestionConfigurations: "
                                + "[{id: a, ingestionStrategy: SNAPSHOT, scheduleType: GLOBAL}, {id: a, "
                                + "ingestionStrategy: SNAPSHOT, scheduleType: GLOBAL}]}\n" + connection,
                        "resources[0].ingestionConfigurations[1].id: the ingestion configuration id 'a' is given twice"),
                bad("resourceId twice", "resources:\n  - {name: a, resourceId: 7, ingestionConfigurations: [{id: a, "
                                + "ingestionStrategy: SNAPSHOT, scheduleType: GLOBAL}]}\n  - {name: b, resourceId: 7, "
                                + "ingestionConfigurations: [{id: a, ingestionStrategy: SNAPSHOT, scheduleType: GLOBAL}]}\n"
                                + connection,
                        "configuration.yaml:3: resources[1].resourceId: the resourceId 7 is given twice (also at "
                                + "resources[0])"),
                bad("unknown reference", "references:\n  GITHUB_EIA: ACCESS\n" + connection,
                        "configuration.yaml:2: references.GITHUB_EIA: unknown reference 'GITHUB_EIA'; did you mean "
                                + "'GITHUB_EAI'? the references of the descriptor's manifest are WAREHOUSE_REFERENCE, "
                                + "GITHUB_EAI"),
                bad("secret reference in references", "references:\n  API_TOKEN_SECRET: MY_SECRET\n" + connection,
                        "references.API_TOKEN_SECRET: API_TOKEN_SECRET is the reference of the secret field "
                                + "'api_token': the connection section's value binds it; remove it here"),
                bad("reference to a name that is not one", "references:\n  GITHUB_EAI: my access\n" + connection,
                        "references.GITHUB_EAI: 'my access' is not an object name"),
                bad("reference to a list", "references:\n  GITHUB_EAI: [A, B]\n" + connection,
                        "references.GITHUB_EAI: expected the name of the external access integration, but found"),
                bad("references as a list", "references:\n  - GITHUB_EAI\n" + connection,
                        "configuration.yaml:1: references: expected a mapping of keys, but found a list"),
                bad("YAML syntax error", "connector:\n  warehouse: [WH\n" + connection,
                        "configuration.yaml:3: the YAML cannot be read: while parsing a flow sequence"),
                bad("two YAML documents", connection + "---\nconnector: {}\n",
                        "the file holds more than one YAML document; keep one"),
                bad("key given twice", "connector:\n  warehouse: A\n  warehouse: B\n" + connection,
                        "configuration.yaml:3: the key 'warehouse' appears twice in the same mapping; keep one"),
                bad("a list at the top", "- connector\n",
                        "configuration.yaml:1: the configuration must be a mapping of sections"));
    }

    private static Arguments bad(String name, String yaml, String expected) {
        return Arguments.of(name, yaml, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileGetsOneMessageNamingTheFileLineFieldAndFix(String name, String yaml, String expected)
            throws Exception {
        Path file = write(yaml);

        assertThatThrownBy(() -> ConfigurationFileLoader.load(file, "configuration.yaml", descriptor, placeholders)
                .requireResolved(ConfigurationFileLoader.SECTIONS))
                .isInstanceOfSatisfying(ConfigurationFileException.class, e -> {
                    assertThat(e.problems()).as("problems of '%s'", name).hasSize(1);
                    Problem problem = e.problems().get(0);
                    assertThat(problem.toString()).contains(expected);
                    ProblemPaths.assertBracketed(problem.toString());
                    assertThat(problem.file()).isEqualTo("configuration.yaml");
                    assertThat(e.getMessage()).doesNotContain(TOKEN).endsWith("nothing was called");
                });
    }

    @Test
    void anUnresolvedPlaceholderIsAProblemOnlyForAGoalThatSendsItsSection() throws Exception {
        Path file = write("connector:\n  page_size: 20\nconnection:\n  base_url: https://api.github.com\n"
                + "  api_token: ${env.MISSING_TOKEN}\n");

        WizardConfiguration configuration = ConfigurationFileLoader.load(file, "configuration.yaml", descriptor,
                placeholders);

        configuration.requireResolved(List.of("connector", "resources", "prerequisites", "finalize"));
        assertThat(configuration.secrets()).isEmpty();
        assertThatThrownBy(() -> configuration.requireResolved(List.of("connector", "connection")))
                .isInstanceOf(ConfigurationFileException.class).hasMessage("configuration.yaml:5: connection.api_token:"
                        + " the environment variable MISSING_TOKEN (from ${env.MISSING_TOKEN}) is not set; export it"
                        + " before running Maven (in CI, as a masked variable); nothing was called");
    }

    @Test
    void aMissingFileSaysHowToCreateOrChooseOne() {
        assertThatThrownBy(() -> ConfigurationFileLoader.load(folder.resolve("absent.yaml"), "absent.yaml",
                descriptor, placeholders))
                .isInstanceOf(ConfigurationFileException.class)
                .hasMessageStartingWith("absent.yaml:0: the configuration file does not exist; create it with the "
                        + "sections prerequisites, connector, connection, finalize, resources")
                .hasMessageContaining("-Dconnector.configuration");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        Path file = write("""
                conector: {}
                connector:
                  page_size: many
                connection:
                  api_token: plain-text
                """);

        assertThatThrownBy(() -> ConfigurationFileLoader.load(file, "configuration.yaml", descriptor, placeholders))
                .isInstanceOfSatisfying(ConfigurationFileException.class, e -> assertThat(e.problems())
                        .extracting(Problem::field)
                        .containsExactly("conector", "connector.page_size", "connection.api_token",
                                "connection.base_url"))
                .hasMessageStartingWith("4 problems in the configuration file; nothing was called:")
                .hasMessageNotContaining("plain-text");
    }

    @Test
    void aConnectorWithoutDeclaredConnectionFieldsTakesAnyConnectionKeys() throws Exception {
        Descriptor minimal = TestProjects.descriptor("minimal");
        Path file = write("connection:\n  host: ${env.GITHUB_HOST}\n  retries: 3\n");

        WizardConfiguration configuration = ConfigurationFileLoader.load(file, "configuration.yaml", minimal,
                placeholders);

        assertThat(configuration.connection().toString()).isEqualTo("{\"host\":\"api.github.com\",\"retries\":3}");
    }

    @Test
    void aChoiceValueMustBeOneOfTheChoicesBeforeAnythingIsSent() throws Exception {
        Descriptor choice = TestProjects.descriptor("choice");
        Path good = write("connector:\n  sync_mode: ${env.MODE}\nconnection:\n  region: eu\n  level: 2\n");

        WizardConfiguration configuration = ConfigurationFileLoader.load(good, "configuration.yaml", choice,
                new Placeholders(new Placeholders.Sources(Map.of("MODE", "full"), id -> Optional.empty(),
                        name -> Optional.empty())));

        assertThat(configuration.connector().toString()).isEqualTo("{\"sync_mode\":\"full\"}");
        // YAML reads an unquoted 2 as a number; the choice is the text '2'.
        assertThat(configuration.connection().toString()).isEqualTo("{\"region\":\"eu\",\"level\":\"2\"}");

        Path bad = write("connector:\n  sync_mode: delta\nconnection:\n  region: EU\n  level: 4\n");
        assertThatThrownBy(() -> ConfigurationFileLoader.load(bad, "configuration.yaml", choice, placeholders))
                .isInstanceOfSatisfying(ConfigurationFileException.class, e -> assertThat(e.problems())
                        .extracting(Problem::toString).containsExactly(
                                "configuration.yaml:2: connector.sync_mode: the value 'delta' is not valid for this "
                                        + "choice field: it must be one of incremental, full, <both>; fix the value",
                                "configuration.yaml:4: connection.region: the value 'EU' is not valid for this choice "
                                        + "field: it must be one of eu, us; fix the value",
                                "configuration.yaml:5: connection.level: the value 4 is not valid for this choice "
                                        + "field: it must be one of 1, 2, 3, but it is a number; fix the value"))
                .hasMessageStartingWith("3 problems in the configuration file; nothing was called:");
    }

    private WizardConfiguration load(String yaml) throws Exception {
        return ConfigurationFileLoader.load(write(yaml), "configuration.yaml", descriptor, placeholders);
    }

    private Path write(String yaml) throws Exception {
        Path file = folder.resolve("configuration.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }
}
