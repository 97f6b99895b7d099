package io.connectorkit.plugin.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.plugin.testing.ProblemPaths;
import io.connectorkit.plugin.testing.TestProjects;
import io.connectorkit.runtime.config.FieldType;
import io.connectorkit.runtime.spi.ConnectorDescription;
import io.connectorkit.runtime.spi.SpiRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import io.connectorkit.plugin.yaml.Problem;
import java.util.Map;

class DescriptorLoaderTest {

    @TempDir
    Path project;

    @Test
    void readsTheFullDescriptor() throws Exception {
        Descriptor descriptor = TestProjects.descriptor("full");

        assertThat(descriptor.app()).isEqualTo(new Descriptor.App("github_connector", "GitHub issues connector", "2.1",
                17, "Ingests issues from the GitHub REST API", "1.15.0"));
        assertThat(descriptor.prerequisites()).extracting(p -> p.id() + "@" + p.position())
                .containsExactly("network@1", "token@2");
        assertThat(descriptor.connectorFields()).containsExactly(
                new ConnectorDescription.Field("page_size", FieldType.INTEGER, false, "100", "Issues per request"),
                new ConnectorDescription.Field("include_closed", FieldType.BOOLEAN, false, "false",
                        "Also ingest closed issues"));
        assertThat(descriptor.connectionFields()).extracting(ConnectorDescription.Field::name)
                .containsExactly("base_url", "api_token", "organization");
        assertThat(descriptor.classes()).containsEntry(SpiRole.CONNECTION_TESTER,
                "io.connectorkit.plugin.fixtures.GithubConnectionTester").containsEntry(SpiRole.RESOURCE_HOOKS,
                "io.connectorkit.plugin.fixtures.GithubResourceHooks");
        assertThat(descriptor.manifest().references()).extracting(Descriptor.Reference::registerCallback)
                .containsOnly("PUBLIC.REGISTER_REFERENCE");
        assertThat(descriptor.secretReferences()).containsExactly(new Descriptor.Reference("API_TOKEN_SECRET",
                "api_token", "Personal access token", "SECRET", List.of("READ"), false, "PUBLIC.REGISTER_REFERENCE",
                "PUBLIC.GET_REFERENCE_CONFIG", List.of()));
        assertThat(descriptor.manifest().references()).filteredOn(reference -> reference.name().equals("GITHUB_EAI"))
                .singleElement().satisfies(eai -> {
                    assertThat(eai.hosts()).containsExactly("api.github.com");
                    assertThat(eai.configurationCallback()).isEqualTo("PUBLIC.GET_REFERENCE_CONFIG");
                });
        assertThat(descriptor.extraSql().get("snowflake")).hasSize(1);
        assertThat(descriptor.files()).extracting(Descriptor.AppFiles::target).containsExactly("streamlit");
        assertThat(descriptor.ui().streamlit()).as("the full project ships its own Streamlit app").isFalse();
    }

    @Test
    void aChoiceFieldKeepsItsChoicesInOrder() throws Exception {
        Files.createDirectories(project.resolve("src/main/connector"));
        Path file = project.resolve("src/main/connector/connector.yaml");
        Files.writeString(file, "app: {name: a}\nconfiguration:\n  connector:\n    - name: sync_mode\n"
                + "      type: choice\n      choices: [incremental, full]\n      default: full\n"
                + "  connection:\n    - {name: region, type: choice, choices: ['eu', 'us'], required: true}\n");

        Descriptor descriptor = DescriptorLoader.load(file, project, "1.0");

        assertThat(descriptor.connectorFields()).containsExactly(new ConnectorDescription.Field("sync_mode",
                FieldType.CHOICE, false, "\"full\"", "", List.of("incremental", "full")));
        assertThat(descriptor.connectionFields()).containsExactly(new ConnectorDescription.Field("region",
                FieldType.CHOICE, true, null, "", List.of("eu", "us")));
    }

    @Test
    void theManifestVersionIsTwoUnlessTheDescriptorSaysOne() throws Exception {
        Path file = project.resolve("connector.yaml");
        Files.writeString(file, "app: {name: a}\n");
        assertThat(DescriptorLoader.load(file, project, "1.0").manifest().version()).isEqualTo(2);
        Files.writeString(file, "app: {name: a}\nmanifest:\n  version: 1\n  privileges:\n"
                + "    - {name: READ SESSION, description: Read the session}\n");
        Descriptor v1 = DescriptorLoader.load(file, project, "1.0");
        assertThat(v1.manifest().version()).isEqualTo(1);
        assertThat(v1.manifest().grantsPrivilegesAutomatically()).isFalse();
        assertThat(v1.manifest().privileges()).extracting(Descriptor.Privilege::name).containsExactly("READ SESSION");
    }

    @Test
    void specificationsAreReadWithTheirHostsAndOAuthFlow() throws Exception {
        Path file = project.resolve("connector.yaml");
        Files.writeString(file, """
                app: {name: a}
                manifest:
                  privileges:
                    - {name: CREATE EXTERNAL ACCESS INTEGRATION, description: Reach the API}
                    - {name: CREATE SECURITY INTEGRATION, description: Sign in}
                  specifications:
                    - {name: API, type: EXTERNAL_ACCESS, description: Reads records, hosts: [api.a.io, 'files.a.io:8443']}
                    - name: SIGN_IN
                      type: SECURITY_INTEGRATION
                      label: Sign in with A
                      description: OAuth
                      oauthType: AUTHORIZATION_CODE
                      tokenEndpoint: https://auth.a.io/token
                      authorizationEndpoint: https://auth.a.io/authorize
                      scopes: [read]
                """);

        Descriptor.Manifest manifest = DescriptorLoader.load(file, project, "1.0").manifest();

        assertThat(manifest.specifications()).containsExactly(
                new Descriptor.Specification("API", "EXTERNAL_ACCESS", "API", "Reads records",
                        List.of("api.a.io", "files.a.io:8443"), null, null, null, List.of()),
                new Descriptor.Specification("SIGN_IN", "SECURITY_INTEGRATION", "Sign in with A", "OAuth", List.of(),
                        "AUTHORIZATION_CODE", "https://auth.a.io/token", "https://auth.a.io/authorize",
                        List.of("read")));
        assertThat(manifest.externalAccessSpecifications()).extracting(Descriptor.Specification::name)
                .containsExactly("API");
    }

    @Test
    void aMinimalDescriptorTakesItsVersionFromTheProject() throws Exception {
        Descriptor descriptor = TestProjects.descriptor("minimal");

        assertThat(descriptor.app()).isEqualTo(new Descriptor.App("minimal_connector", "minimal_connector", "1.0.0",
                17, "", Descriptor.DEFAULT_SNOWPARK_VERSION));
        assertThat(descriptor.app().snowparkPackage()).isEqualTo("com.snowflake:snowpark:1.15.0");
        assertThat(descriptor.prerequisites()).isEmpty();
        assertThat(descriptor.classes()).isEmpty();
        assertThat(descriptor.ui().streamlit()).as("the generated Streamlit app is on by default").isTrue();
    }

    record Malformed(String name, String yaml, String problem) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Malformed> malformedDescriptors() {
        return Stream.of(
                new Malformed("bad YAML", "app:\n  name: [unclosed\n",
                        "connector.yaml:2: the YAML cannot be read: while parsing a flow sequence: expected ',' or ']', "
                                + "but got <stream end>; fix the YAML syntax there"),
                new Malformed("empty file", "", "connector.yaml:1: the descriptor is empty"),
                new Malformed("not a mapping", "- app\n", "connector.yaml:1: the descriptor must be a mapping of "
                        + "sections (app, prerequisites, configuration, spi, manifest, sql, files, ui), not a list"),
                new Malformed("key given twice", "app:\n  name: a\n  name: b\n",
                        "connector.yaml:3: the key 'name' appears twice in the same mapping; keep one"),
                new Malformed("unknown section", "app:\n  name: a\nprerequisite:\n  - id: x\n",
                        "connector.yaml:3: prerequisite: unknown key 'prerequisite'; did you mean 'prerequisites'?"),
                new Malformed("app missing", "prerequisites: []\n",
                        "connector.yaml:1: the section 'app' is missing; add 'app: {name: my_connector}'"),
                new Malformed("app name missing", "app:\n  label: Demo\n",
                        "connector.yaml:1: app.name: 'name' is missing; it is required here"),
                new Malformed("app name not a plain name", "app:\n  name: my-connector\n",
                        "connector.yaml:2: app.name: 'my-connector' is not a plain Snowflake name: the app, its "
                                + "package and its stage are named after it, so use letters, digits and _ and start "
                                + "with a letter (for example my_connector)"),
                new Malformed("java runtime 11", "app:\n  name: a\n  javaRuntime: 11\n",
                        "connector.yaml:3: app.javaRuntime: 11 is not supported: the connector runtime is Java 17 "
                                + "bytecode"),
                new Malformed("snowpark version of two numbers", "app:\n  name: a\n  snowparkVersion: 1.14\n",
                        "connector.yaml:3: app.snowparkVersion: '1.14' is not a Snowpark version: Snowflake takes "
                                + "three numbers (major.minor.patch) or latest; write one that Snowflake lists (SELECT "
                                + "VERSION FROM SNOWFLAKE.INFORMATION_SCHEMA.PACKAGES WHERE LANGUAGE = 'java' AND "
                                + "PACKAGE_NAME = 'com.snowflake:snowpark'), such as 1.15.0 (the default when "
                                + "snowparkVersion is left out), or latest"),
                new Malformed("snowpark version as a Maven coordinate", "app:\n  name: a\n"
                        + "  snowparkVersion: com.snowflake:snowpark:1.14.0\n",
                        "connector.yaml:3: app.snowparkVersion: 'com.snowflake:snowpark:1.14.0' is not a Snowpark "
                                + "version"),
                new Malformed("snowpark version older than the runtime needs", "app:\n  name: a\n"
                        + "  snowparkVersion: 1.14.0\n",
                        "connector.yaml:3: app.snowparkVersion: '1.14.0' is older than 1.15.0, the first Snowpark "
                                + "version with Session.sql(query, values), through which the connector runtime binds "
                                + "its values; write one that Snowflake lists"),
                new Malformed("snowpark version older by its minor number", "app:\n  name: a\n"
                        + "  snowparkVersion: 1.9.0\n",
                        "connector.yaml:3: app.snowparkVersion: '1.9.0' is older than 1.15.0"),
                new Malformed("bad version", "app:\n  name: a\n  version: 'v 1'\n",
                        "connector.yaml:3: app.version: 'v 1' is not a version name"),
                new Malformed("prerequisites not a list", "app: {name: a}\nprerequisites:\n  id: x\n",
                        "connector.yaml:2: prerequisites: expected a list (items starting with '- '), but found a "
                                + "mapping"),
                new Malformed("prerequisite without id", "app: {name: a}\nprerequisites:\n  - title: T\n"
                        + "    description: D\n",
                        "connector.yaml:3: prerequisites[0].id: 'id' is missing; it is required here"),
                new Malformed("duplicate prerequisite id", "app: {name: a}\nprerequisites:\n"
                        + "  - {id: net, title: T, description: D}\n  - {id: net, title: U, description: E}\n",
                        "connector.yaml:4: prerequisites[1].id: the id 'net' is used by prerequisites[0] already; "
                                + "give each prerequisite its own id"),
                new Malformed("misspelled prerequisite key", "app: {name: a}\nprerequisites:\n"
                        + "  - id: net\n    titel: T\n    title: T\n    description: D\n",
                        "connector.yaml:4: prerequisites[0].titel: unknown key 'titel'; did you mean 'title'?"),
                new Malformed("prerequisite URL not http", "app: {name: a}\nprerequisites:\n  - id: net\n    title: T\n"
                        + "    description: D\n    guideUrl: ftp://files.example.com/guide\n",
                        "connector.yaml:6: prerequisites[0].guideUrl: 'ftp://files.example.com/guide' is not an http or"
                                + " https URL"),
                new Malformed("position not a number", "app: {name: a}\nprerequisites:\n"
                        + "  - {id: net, title: T, description: D, position: first}\n",
                        "connector.yaml:3: prerequisites[0].position: 'first' is not a position"),
                new Malformed("unknown field type", "app: {name: a}\nconfiguration:\n  connection:\n"
                        + "    - name: host\n      type: text\n",
                        "connector.yaml:5: configuration.connection[0].type: 'text' is not a field type; use one of "
                                + "string, identifier, integer, boolean, url, cron, secret, object, choice"),
                new Malformed("field name with a dash", "app: {name: a}\nconfiguration:\n  connector:\n"
                        + "    - {name: page-size, type: integer}\n",
                        "connector.yaml:4: configuration.connector[0].name: 'page-size' is not a field name"),
                new Malformed("field declared twice", "app: {name: a}\nconfiguration:\n  connection:\n"
                        + "    - {name: host, type: string}\n    - {name: host, type: url}\n",
                        "connector.yaml:5: configuration.connection[1].name: the field 'host' is declared twice in "
                                + "configuration.connection; declare each field once"),
                new Malformed("choice without choices", "app: {name: a}\nconfiguration:\n  connector:\n"
                        + "    - name: sync_mode\n      type: choice\n",
                        "connector.yaml:5: configuration.connector[0].type: a choice field lists its values in "
                                + "'choices', which is missing; add it, for example choices: [full, incremental]"),
                new Malformed("choices empty", "app: {name: a}\nconfiguration:\n  connector:\n"
                        + "    - name: sync_mode\n      type: choice\n      choices: []\n",
                        "connector.yaml:6: configuration.connector[0].choices: the list is empty; give at least one "
                                + "value to choose from"),
                new Malformed("choices not a list", "app: {name: a}\nconfiguration:\n  connector:\n"
                        + "    - name: sync_mode\n      type: choice\n      choices: full\n",
                        "connector.yaml:6: configuration.connector[0].choices: expected a list of the values to "
                                + "choose from, but found 'full'; write a list"),
                new Malformed("choice listed twice", "app: {name: a}\nconfiguration:\n  connection:\n"
                        + "    - name: region\n      type: choice\n      choices:\n        - eu\n        - us\n"
                        + "        - eu\n",
                        "connector.yaml:9: configuration.connection[0].choices[2]: 'eu' is listed twice; list each "
                                + "choice once"),
                new Malformed("choice not a string", "app: {name: a}\nconfiguration:\n  connector:\n"
                        + "    - name: level\n      type: choice\n      choices: [low, 2]\n",
                        "connector.yaml:6: configuration.connector[0].choices[1]: 2 is not text; write each choice as"
                                + " a string (quote it, for example '2')"),
                new Malformed("blank choice", "app: {name: a}\nconfiguration:\n  connector:\n"
                        + "    - name: level\n      type: choice\n      choices: [low, ' ']\n",
                        "connector.yaml:6: configuration.connector[0].choices[1]: the choice is empty"),
                new Malformed("choice with spaces around it", "app: {name: a}\nconfiguration:\n  connector:\n"
                        + "    - name: level\n      type: choice\n      choices: [low, ' high ']\n",
                        "connector.yaml:6: configuration.connector[0].choices[1]: ' high ' starts or ends with "
                                + "spaces, which a form cannot send back; write 'high'"),
                new Malformed("choices on another type", "app: {name: a}\nconfiguration:\n  connector:\n"
                        + "    - name: page_size\n      type: integer\n      choices: [10, 100]\n",
                        "connector.yaml:6: configuration.connector[0].choices: only a field of type choice has "
                                + "choices, and this field is of type integer; remove 'choices' or write 'type: "
                                + "choice'"),
                new Malformed("choice default not among the choices", "app: {name: a}\nconfiguration:\n"
                        + "  connector:\n    - name: sync_mode\n      type: choice\n      choices: [full, delta]\n"
                        + "      default: partial\n",
                        "connector.yaml:7: configuration.connector[0].default: 'partial' is not one of the choices "
                                + "(full, delta); make the default one of them or add it to 'choices'"),
                new Malformed("default of the wrong type", "app: {name: a}\nconfiguration:\n  connector:\n"
                        + "    - name: page_size\n      type: integer\n      default: lots\n",
                        "connector.yaml:6: configuration.connector[0].default: 'lots' is not a valid integer: it must"
                                + " be a whole number, but it is a string"),
                new Malformed("required field with a default", "app: {name: a}\nconfiguration:\n  connector:\n"
                        + "    - {name: page_size, type: integer, required: true, default: 5}\n",
                        "configuration.connector[0].default: a required field has no default"),
                new Malformed("secret with a default", "app: {name: a}\nconfiguration:\n  connection:\n"
                        + "    - {name: token, type: secret, default: abc}\n",
                        "configuration.connection[0].default: a secret field cannot have a default"),
                new Malformed("secret among the connector fields", "app: {name: a}\nconfiguration:\n  connector:\n"
                        + "    - name: api_token\n      type: secret\n",
                        "connector.yaml:5: configuration.connector[0].type: type secret is only allowed in "
                                + "configuration.connection, where the field gets its secret reference "
                                + "(API_TOKEN_SECRET); move the field to configuration.connection"),
                new Malformed("reference named like a secret field's", "app: {name: a}\nconfiguration:\n"
                        + "  connection:\n    - {name: api_token, type: secret}\nmanifest:\n  references:\n"
                        + "    - name: api_token_secret\n      description: Token\n      objectType: SECRET\n"
                        + "      privileges: [READ]\n",
                        "connector.yaml:7: manifest.references[0].name: the reference 'api_token_secret' is the one "
                                + "the app declares itself for the secret field 'api_token' of "
                                + "configuration.connection; remove this reference, or rename it if it binds something"
                                + " else"),
                new Malformed("required not a boolean", "app: {name: a}\nconfiguration:\n  connection:\n"
                        + "    - {name: host, type: url, required: 'yes'}\n",
                        "configuration.connection[0].required: 'yes' is not true or false"),
                new Malformed("standard key redeclared", "app: {name: a}\nconfiguration:\n  connector:\n"
                        + "    - {name: warehouse, type: string}\n",
                        "configuration.connector[0].name: 'warehouse' is a standard key of connector_configuration "
                                + "already"),
                new Malformed("reserved connection key", "app: {name: a}\nconfiguration:\n  connection:\n"
                        + "    - {name: response_code, type: string}\n",
                        "configuration.connection[0].name: 'response_code' is reserved for response objects"),
                new Malformed("unknown SPI role", "app: {name: a}\nspi:\n  connectionTest: com.example.Tester\n",
                        "connector.yaml:3: spi.connectionTest: unknown key 'connectionTest'; did you mean "
                                + "'connectionTester'?"),
                new Malformed("SPI value not a class name", "app: {name: a}\nspi:\n  finalizeCallback: com.example.\n",
                        "connector.yaml:3: spi.finalizeCallback: 'com.example.' is not a Java class name"),
                new Malformed("resource hooks misspelled", "app: {name: a}\nspi:\n  resourceHook: com.example.Hooks\n",
                        "connector.yaml:3: spi.resourceHook: unknown key 'resourceHook'; did you mean "
                                + "'resourceHooks'?"),
                new Malformed("resource hooks not a class name", "app: {name: a}\nspi:\n  resourceHooks: hooks!\n",
                        "connector.yaml:3: spi.resourceHooks: 'hooks!' is not a Java class name; write the fully "
                                + "qualified name of a class implementing ResourceHooks (for example "
                                + "com.example.connector.MyResourceHooks)"),
                new Malformed("specification under manifest version 1", "app: {name: a}\nmanifest:\n  version: 1\n"
                        + "  specifications:\n    - {name: API, type: EXTERNAL_ACCESS, description: D, hosts: [a.io]}\n",
                        "connector.yaml:4: manifest.specifications: app specifications need manifest version 2"),
                new Malformed("specification of an unknown type", "app: {name: a}\nmanifest:\n  privileges:\n"
                        + "    - {name: CREATE EXTERNAL ACCESS INTEGRATION, description: Reach the API}\n  specifications:\n    - {name: API, type: EXTERNAL, description: D}\n",
                        "manifest.specifications[0].type: 'EXTERNAL' is not a specification type the kit renders; "
                                + "use EXTERNAL_ACCESS or SECURITY_INTEGRATION"),
                new Malformed("external access specification without hosts", "app: {name: a}\nmanifest:\n"
                        + "  privileges:\n    - {name: CREATE EXTERNAL ACCESS INTEGRATION, description: Reach the API}\n  specifications:\n"
                        + "    - {name: API, type: EXTERNAL_ACCESS, description: D}\n",
                        "manifest.specifications[0].hosts: an EXTERNAL_ACCESS specification needs the hosts"),
                new Malformed("external access specification with a URL for a host", "app: {name: a}\nmanifest:\n"
                        + "  privileges:\n    - {name: CREATE EXTERNAL ACCESS INTEGRATION, description: Reach the API}\n  specifications:\n"
                        + "    - {name: API, type: EXTERNAL_ACCESS, description: D, hosts: ['https://a.io/v1']}\n",
                        "manifest.specifications[0].hosts[0]: 'https://a.io/v1' is not a host name with an optional "
                                + "port"),
                new Malformed("external access specification without the privilege", "app: {name: a}\nmanifest:\n"
                        + "  specifications:\n    - {name: API, type: EXTERNAL_ACCESS, description: D, hosts: [a.io]}\n",
                        "manifest.specifications[0].type: an EXTERNAL_ACCESS specification needs the app to create "
                                + "the object it declares: add '- name: CREATE EXTERNAL ACCESS INTEGRATION' (with its "
                                + "description) to manifest.privileges"),
                new Malformed("two specifications with one label", "app: {name: a}\nmanifest:\n  privileges:\n"
                        + "    - {name: CREATE EXTERNAL ACCESS INTEGRATION, description: Reach the API}\n  specifications:\n"
                        + "    - {name: API, type: EXTERNAL_ACCESS, label: API, description: D, hosts: [a.io]}\n"
                        + "    - {name: FILES, type: EXTERNAL_ACCESS, label: API, description: D, hosts: [b.io]}\n",
                        "manifest.specifications[1].label: the label 'API' is already the label of "
                                + "manifest.specifications[0]"),
                new Malformed("a specification and an integration reference", "app: {name: a}\nmanifest:\n"
                        + "  privileges:\n    - {name: CREATE EXTERNAL ACCESS INTEGRATION, description: Reach the API}\n  references:\n"
                        + "    - {name: EAI, description: D, objectType: EXTERNAL ACCESS INTEGRATION, privileges: [USAGE],"
                        + " hosts: [a.io]}\n  specifications:\n"
                        + "    - {name: API, type: EXTERNAL_ACCESS, description: D, hosts: [a.io]}\n",
                        "manifest.specifications: the app reaches its hosts either through an EXTERNAL ACCESS "
                                + "INTEGRATION reference the consumer binds or through the integration of an "
                                + "EXTERNAL_ACCESS specification it creates itself, not both"),
                new Malformed("client credentials without scopes", "app: {name: a}\nmanifest:\n  privileges:\n"
                        + "    - {name: CREATE SECURITY INTEGRATION, description: OAuth}\n  specifications:\n"
                        + "    - {name: OAUTH, type: SECURITY_INTEGRATION, description: D, oauthType: CLIENT_CREDENTIALS,"
                        + " tokenEndpoint: 'https://auth.a.io/token'}\n",
                        "manifest.specifications[0].scopes: the CLIENT_CREDENTIALS flow needs the scopes"),
                new Malformed("an OAuth flow Snowflake does not declare", "app: {name: a}\nmanifest:\n  privileges:\n"
                        + "    - {name: CREATE SECURITY INTEGRATION, description: OAuth}\n  specifications:\n"
                        + "    - {name: OAUTH, type: SECURITY_INTEGRATION, description: D, oauthType: PASSWORD,"
                        + " tokenEndpoint: 'https://auth.a.io/token'}\n",
                        "manifest.specifications[0].oauthType: 'PASSWORD' is not an OAuth flow Snowflake's "
                                + "specifications declare; use one of CLIENT_CREDENTIALS, AUTHORIZATION_CODE, "
                                + "JWT_BEARER"),
                new Malformed("manifest version 3", "app: {name: a}\nmanifest:\n  version: 3\n",
                        "connector.yaml:3: manifest.version: 3 is not a manifest version; write 2 (the default:"
                                + " Snowflake grants the listed privileges at install and upgrade) or 1"),
                new Malformed("manifest version as text", "app: {name: a}\nmanifest:\n  version: two\n",
                        "manifest.version: 'two' is not a manifest version"),
                new Malformed("a privilege version 2 does not grant", "app: {name: a}\nmanifest:\n  privileges:\n"
                        + "    - {name: READ SESSION, description: Read the session}\n",
                        "manifest.privileges[0].name: 'READ SESSION' is not a privilege that manifest version 2 "
                                + "grants automatically (EXECUTE TASK, EXECUTE MANAGED TASK, CREATE WAREHOUSE, CREATE "
                                + "COMPUTE POOL, BIND SERVICE ENDPOINT, CREATE DATABASE, CREATE EXTERNAL ACCESS "
                                + "INTEGRATION, CREATE SECURITY INTEGRATION); request it under manifest.version: 1"),
                new Malformed("privilege in lower case", "app: {name: a}\nmanifest:\n  privileges:\n"
                        + "    - {name: execute task, description: Run tasks}\n",
                        "manifest.privileges[0].name: 'execute task' is not an account privilege name"),
                new Malformed("reference with an invalid name", "app: {name: a}\nmanifest:\n  references:\n"
                        + "    - {name: 'WAREHOUSE REF', description: D, objectType: WAREHOUSE, privileges: [USAGE]}\n",
                        "manifest.references[0].name: 'WAREHOUSE REF' is not a reference name"),
                new Malformed("reference with an unknown object type", "app: {name: a}\nmanifest:\n  references:\n"
                        + "    - {name: WH, description: D, objectType: WAREHOSE, privileges: [USAGE]}\n",
                        "manifest.references[0].objectType: 'WAREHOSE' is not an object type a reference can bind"),
                new Malformed("reference without privileges", "app: {name: a}\nmanifest:\n  references:\n"
                        + "    - {name: WH, description: D, objectType: WAREHOUSE}\n",
                        "manifest.references[0].privileges: a reference needs the privileges the app gets"),
                new Malformed("callback not schema-qualified", "app: {name: a}\nmanifest:\n  references:\n"
                        + "    - {name: WH, description: D, objectType: WAREHOUSE, privileges: [USAGE],"
                        + " registerCallback: REGISTER}\n",
                        "manifest.references[0].registerCallback: 'REGISTER' is not a schema-qualified name"),
                new Malformed("multi-valued secret reference", "app: {name: a}\nmanifest:\n  references:\n"
                        + "    - name: KEYS\n      description: D\n      objectType: SECRET\n      privileges: [READ]\n"
                        + "      multiValued: true\n",
                        "connector.yaml:8: manifest.references[0].multiValued: a reference of type SECRET cannot be "
                                + "multi-valued (Snowflake binds one object to it); remove 'multiValued: true', or "
                                + "declare one reference per object"),
                new Malformed("multi-valued integration reference", "app: {name: a}\nmanifest:\n  references:\n"
                        + "    - {name: EAI, description: D, objectType: EXTERNAL ACCESS INTEGRATION,"
                        + " privileges: [USAGE], hosts: [api.example.com], multiValued: true}\n",
                        "manifest.references[0].multiValued: a reference of type EXTERNAL ACCESS INTEGRATION cannot be"
                                + " multi-valued"),
                new Malformed("integration reference without hosts", "app: {name: a}\nmanifest:\n  references:\n"
                        + "    - {name: EAI, description: D, objectType: EXTERNAL ACCESS INTEGRATION,"
                        + " privileges: [USAGE]}\n",
                        "manifest.references[0].hosts: an EXTERNAL ACCESS INTEGRATION reference needs the hosts the "
                                + "connector reaches, which the app's configuration callback tells the consumer; add "
                                + "for example 'hosts: [api.example.com]'"),
                new Malformed("host with a scheme", "app: {name: a}\nmanifest:\n  references:\n"
                        + "    - name: EAI\n      description: D\n      objectType: EXTERNAL ACCESS INTEGRATION\n"
                        + "      privileges: [USAGE]\n      hosts:\n        - https://api.example.com/v1\n",
                        "connector.yaml:9: manifest.references[0].hosts[0]: 'https://api.example.com/v1' is not a "
                                + "host name with an optional port"),
                new Malformed("hosts on a warehouse reference", "app: {name: a}\nmanifest:\n  references:\n"
                        + "    - {name: WH, description: D, objectType: WAREHOUSE, privileges: [USAGE],"
                        + " hosts: [api.example.com]}\n",
                        "manifest.references[0].hosts: only an EXTERNAL ACCESS INTEGRATION reference has hosts, not "
                                + "WAREHOUSE; remove hosts"),
                new Malformed("configuration callback on a warehouse reference", "app: {name: a}\nmanifest:\n"
                        + "  references:\n    - {name: WH, description: D, objectType: WAREHOUSE, privileges: [USAGE],"
                        + " configurationCallback: PUBLIC.CONFIG}\n",
                        "manifest.references[0].configurationCallback: only references of type SECRET or EXTERNAL "
                                + "ACCESS INTEGRATION take a configuration callback, not WAREHOUSE"),
                new Malformed("SQL script missing", "app: {name: a}\nsql:\n  snowflake:\n    - sql/missing.sql\n",
                        "connector.yaml:4: sql.snowflake[0]: 'sql/missing.sql' is not a file of the project"),
                new Malformed("unknown dialect", "app: {name: a}\nsql:\n  postgres: []\n",
                        "sql.postgres: unknown key 'postgres'; the keys of sql are snowflake, local"),
                new Malformed("files folder missing", "app: {name: a}\nfiles:\n  - {source: ui, target: streamlit}\n",
                        "files[0].source: 'ui' is not a folder of the project"),
                new Malformed("ui switch not a boolean", "app: {name: a}\nui:\n  streamlit: yes please\n",
                        "connector.yaml:3: ui.streamlit: 'yes please' is not true or false; write streamlit: true or "
                                + "streamlit: false"),
                new Malformed("ui unknown key", "app: {name: a}\nui:\n  streamlt: false\n",
                        "ui.streamlt: unknown key 'streamlt'; did you mean 'streamlit'?"),
                new Malformed("files target escaping the app", "app: {name: a}\nfiles:\n"
                        + "  - {source: src, target: ../outside}\n",
                        "files[0].target: '../outside' is not a folder the app can use for these files"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedDescriptors")
    void aMalformedDescriptorFailsWithItsOwnMessage(Malformed malformed) throws Exception {
        Files.createDirectories(project.resolve("src/main/connector"));
        Path file = project.resolve("src/main/connector/connector.yaml");
        Files.writeString(file, malformed.yaml());

        assertThatThrownBy(() -> DescriptorLoader.load(file, project, "1.0"))
                .isInstanceOf(DescriptorException.class)
                .satisfies(error -> {
                    List<Problem> problems = ((DescriptorException) error).problems();
                    assertThat(problems).as("exactly one problem").hasSize(1);
                    assertThat(problems.get(0).toString()).startsWith("src/main/connector/")
                            .contains(malformed.problem());
                    ProblemPaths.assertBracketed(problems.get(0).toString());
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.16.0", "1.15.0", "1.100.0", "2.0.1", "latest"})
    void theSnowparkVersionIsTheDescriptors(String version) throws Exception {
        Path file = project.resolve("connector.yaml");
        Files.writeString(file, "app:\n  name: a\n  snowparkVersion: " + version + "\n");

        Descriptor descriptor = DescriptorLoader.load(file, project, "1.0");

        assertThat(descriptor.app().snowparkPackage()).isEqualTo("com.snowflake:snowpark:" + version);
    }

    @Test
    void theIngestionIsAnSpiRole() throws Exception {
        Path file = project.resolve("connector.yaml");
        Files.writeString(file, "app: {name: a}\nspi:\n  ingestion: com.example.IssuesIngestion\n");

        Descriptor descriptor = DescriptorLoader.load(file, project, "1.0");

        assertThat(descriptor.classes()).containsExactly(Map.entry(SpiRole.INGESTION,
                "com.example.IssuesIngestion"));
        assertThat(descriptor.classLines()).as("the line of each class, for the checks that load them")
                .containsExactly(Map.entry(SpiRole.INGESTION, 3));
        assertThat(descriptor.toDescription().classes()).containsEntry(SpiRole.INGESTION,
                "com.example.IssuesIngestion");
    }

    @Test
    void everyProblemOfADescriptorIsReportedAtOnce() throws Exception {
        Path file = project.resolve("connector.yaml");
        Files.writeString(file, "app:\n  name: 1app\nprerequisites:\n  - {id: a}\n");

        assertThatThrownBy(() -> DescriptorLoader.load(file, project, "1.0"))
                .hasMessageStartingWith("3 problems in the connector descriptor:")
                .hasMessageContaining("connector.yaml:2: app.name")
                .hasMessageContaining("connector.yaml:4: prerequisites[0].title: 'title' is missing")
                .hasMessageContaining("connector.yaml:4: prerequisites[0].description: 'description' is missing");
    }

    @Test
    void theAppSectionAloneIsCheckedWhenOnlyItIsRead() throws Exception {
        Path file = project.resolve("connector.yaml");
        Files.writeString(file, "app:\n  name: github_connector\nprerequisites:\n  - {id: a}\n");

        assertThat(DescriptorLoader.loadApp(file, project, "2.0")).isEqualTo(new Descriptor.App("github_connector",
                "github_connector", "2.0", 17, "", Descriptor.DEFAULT_SNOWPARK_VERSION));

        Files.writeString(file, "app:\n  name: 1app\nprerequisites:\n  - {id: a}\nsecrets: {}\n");
        assertThatThrownBy(() -> DescriptorLoader.loadApp(file, project, "1.0"))
                .hasMessageStartingWith("2 problems in the connector descriptor:")
                .hasMessageContaining("connector.yaml:5: secrets")
                .hasMessageContaining("connector.yaml:2: app.name")
                .hasMessageNotContaining("prerequisites[0]");
    }

    @Test
    void aMissingDescriptorSaysHowToStart() {
        assertThatThrownBy(() -> DescriptorLoader.load(project.resolve("connector.yaml"), project, "1.0"))
                .hasMessage("connector.yaml:0: the connector descriptor does not exist; create it (a minimal one is "
                        + "'app: {name: my_connector}') or point connector.descriptor at it");
    }
}
