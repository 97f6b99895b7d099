package io.connectorkit.runtime.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import com.snowflake.snowpark_java.Session;
import com.snowflake.snowpark_java.types.SnowflakeSecrets;
import com.snowflake.snowpark_java.types.Variant;
import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.spi.ConnectorDefinition;
import io.connectorkit.runtime.spi.ConnectorRegistry;
import io.connectorkit.runtime.testing.EmbeddedAppFixture;
import io.connectorkit.runtime.testing.FakeSnowparkSession;
import io.connectorkit.runtime.testing.RuntimeLogRecorder;
import io.connectorkit.runtime.testing.ScriptedConnector;
import java.text.MessageFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/**
 * Inside Snowflake a secret field's value comes from the SECRET the procedure was given under the field's name;
 * without one the connector sees none, and neither SQL nor the log carries a value.
 */
class SnowflakeSecretsTest {

    private static final String SECRET = "tok-S3CRET-value";

    private final ScriptedConnector connector = new ScriptedConnector();
    private final ConnectorDefinition definition = connector
            .definition()
            .connectionField(ConfigurationField.secret("api_token").required())
            .build();
    private final EmbeddedAppFixture tables = EmbeddedAppFixture.install(definition);
    private final ConnectorRegistry.Binding binding = ConnectorRegistry.bind(SnowflakeProcedures.TARGET, definition);
    private final FakeSnowparkSession fake = new FakeSnowparkSession(tables.newConnection());
    private final Session session = fake.session();
    private final AtomicReference<Optional<String>> seenByTester = new AtomicReference<>();
    private final RuntimeLogRecorder recorder = new RuntimeLogRecorder();
    private final List<LogRecord> logged = recorder.records();

    @BeforeEach
    void setUp() {
        recorder.start();
        connector.connectionTest(context -> {
            seenByTester.set(context.secret("api_token"));
            return Response.ok("Connection works.");
        });
        assertOk(SnowflakeProcedures.completePrerequisitesStep(session));
        assertOk(SnowflakeProcedures.configureConnector(session, new Variant("{\"warehouse\": \"XS\"}")));
    }

    @AfterEach
    void tearDown() {
        recorder.stop();
        binding.close();
        tables.close();
    }

    @Test
    void theConnectorReadsTheSecretGivenToTheProcedureUnderTheFieldsName() {
        SnowflakeSecrets secrets = mock(SnowflakeSecrets.class);
        when(secrets.getGenericSecretString("api_token")).thenReturn(SECRET);
        try (MockedStatic<SnowflakeSecrets> snowpark = mockStatic(SnowflakeSecrets.class)) {
            snowpark.when(SnowflakeSecrets::newInstance).thenReturn(secrets);

            assertOk(SnowflakeProcedures.setConnectionConfiguration(
                    session,
                    new Variant("{\"base_url\": \"https://api.example.com\", \"api_token\": \"API_TOKEN_SECRET\"}")));
        }

        assertThat(seenByTester.get()).contains(SECRET);
        assertThat(fake.statements).extracting(Object::toString).noneMatch(statement -> statement.contains(SECRET));
        assertThat(tables.query("SELECT \"VALUE\" FROM STATE.APP_CONFIG WHERE \"KEY\" = 'connection_configuration'")
                        .get(0)
                        .get("VALUE")
                        .toString())
                .contains("\"api_token\":\"API_TOKEN_SECRET\"");
        assertThat(JsonTree.parse(SnowflakeProcedures.getConnectionConfiguration(session)
                                .asJsonString())
                        .path("api_token")
                        .asText())
                .isEqualTo("********");
    }

    @Test
    void aProcedureWithoutTheSecretSeesNone() {
        // Outside Snowflake, Snowpark's SnowflakeSecrets refuses every call, like a procedure given no SECRETS.
        assertOk(SnowflakeProcedures.setConnectionConfiguration(
                session,
                new Variant("{\"base_url\": \"https://api.example.com\", \"api_token\": \"API_TOKEN_SECRET\"}")));

        assertThat(seenByTester.get()).isEmpty();
        assertThat(logged).anyMatch(record -> record.getMessage().startsWith("This procedure has no secret"));
    }

    @Test
    void aFailedReadLogsNeitherTheValueNorSnowflakesMessage() {
        SnowflakeSecretStore store = new SnowflakeSecretStore(name -> {
            throw new IllegalStateException("secret " + SECRET + " is not of type GENERIC_STRING");
        });

        assertThat(store.secretOf("api_token")).isEmpty();
        assertThat(logged).hasSize(1).allSatisfy(record -> {
            assertThat(MessageFormat.format(record.getMessage(), record.getParameters()))
                    .isEqualTo("This procedure has no secret 'api_token' (java.lang.IllegalStateException); give it "
                            + "SECRETS = ('api_token' = reference('API_TOKEN_SECRET')) and the connector's external "
                            + "access integration");
            assertThat(record.getThrown()).isNull();
        });
    }

    @Test
    void aLiteralSecretIsRefusedWithoutRepeatingIt() {
        String answer = SnowflakeProcedures.setConnectionConfiguration(
                        session,
                        new Variant("{\"base_url\": \"https://api.example.com\", \"api_token\": \"" + SECRET + "\"}"))
                .asJsonString();

        assertThat(JsonTree.parse(answer).path("response_code").asText()).isEqualTo("INVALID_CONFIGURATION_VALUE");
        assertThat(answer).doesNotContain(SECRET).contains("API_TOKEN_SECRET");
        assertThat(fake.sqlTexts()).last().isEqualTo("ROLLBACK");
    }

    private static void assertOk(Variant response) {
        assertThat(JsonTree.parse(response.asJsonString()).path("response_code").asText())
                .as("response %s", response.asJsonString())
                .isEqualTo("OK");
    }
}
