package io.connectorkit.fake.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.runtime.config.FieldType;
import io.connectorkit.runtime.spi.ConnectorDescription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * References bound through the app's own REGISTER_REFERENCE, run from the staged setup script, through the real
 * driver: the reference functions as Snowflake defines them
 * (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-refs) and the integrations' allowed secrets
 * (https://docs.snowflake.com/en/sql-reference/sql/create-external-access-integration).
 */
class FakeNativeAppReferencesTest {

    private static final String STAGE = "\"PROBE_PKG\".APP_SRC.STAGE";
    private static final String CREATE = "CREATE APPLICATION \"PROBE\" FROM APPLICATION PACKAGE \"PROBE_PKG\" USING '@"
            + STAGE + "'";
    private static final String REGISTER = "CALL \"PROBE\".PUBLIC.REGISTER_REFERENCE(?, ?, ?)";
    private static final String SECRET = "\"DB\".\"S\".\"TOKEN\"";
    private static final String MANIFEST = """
            manifest_version: 1
            references:
              - SOURCES:
                  label: Tables
                  privileges: [SELECT]
                  object_type: TABLE
                  multi_valued: true
                  register_callback: PUBLIC.REGISTER_REFERENCE
              - API_ACCESS:
                  label: API access
                  privileges: [USAGE]
                  object_type: EXTERNAL ACCESS INTEGRATION
                  register_callback: PUBLIC.REGISTER_REFERENCE
                  configuration_callback: PUBLIC.GET_REFERENCE_CONFIG
              - API_TOKEN_SECRET:
                  label: api_token
                  privileges: [READ]
                  object_type: SECRET
                  register_callback: PUBLIC.REGISTER_REFERENCE
                  configuration_callback: PUBLIC.GET_REFERENCE_CONFIG
            """;
    /** The shape of the kit's generated procedures, with one procedure that gets the external access. */
    private static final String SETUP = """
            CREATE APPLICATION ROLE IF NOT EXISTS ADMIN;
            CREATE OR ALTER VERSIONED SCHEMA PUBLIC;
            GRANT USAGE ON SCHEMA PUBLIC TO APPLICATION ROLE ADMIN;
            CREATE OR REPLACE PROCEDURE PUBLIC.TEST_CONNECTION()
              RETURNS VARIANT
              LANGUAGE JAVA
              RUNTIME_VERSION = '17'
              PACKAGES = ('com.snowflake:snowpark:1.15.0')
              IMPORTS = ('/lib/probe.jar')
              HANDLER = 'io.connectorkit.runtime.snowflake.SnowflakeProcedures.testConnection';
            GRANT USAGE ON PROCEDURE PUBLIC.TEST_CONNECTION() TO APPLICATION ROLE ADMIN;

            CREATE OR REPLACE PROCEDURE PUBLIC.REGISTER_REFERENCE(REF_NAME STRING, OPERATION STRING, REF_OR_ALIAS STRING)
              RETURNS STRING
              LANGUAGE SQL
              AS $$
            DECLARE
              SETUP_ANSWER STRING;
            BEGIN
              CASE (OPERATION)
                WHEN 'ADD' THEN
                  IF (REF_NAME IN ('SOURCES')) THEN
                    SELECT SYSTEM$ADD_REFERENCE(:REF_NAME, :REF_OR_ALIAS);
                  ELSE
                    SELECT SYSTEM$SET_REFERENCE(:REF_NAME, :REF_OR_ALIAS);
                  END IF;
                  CALL PUBLIC.SETUP_EXTERNAL_ACCESS() INTO :SETUP_ANSWER;
                  IF (SETUP_ANSWER IS NOT NULL AND SETUP_ANSWER <> 'Success') THEN
                    RETURN SETUP_ANSWER;
                  END IF;
                WHEN 'REMOVE' THEN
                  SELECT SYSTEM$REMOVE_REFERENCE(:REF_NAME, :REF_OR_ALIAS);
                WHEN 'CLEAR' THEN
                  SELECT SYSTEM$REMOVE_ALL_REFERENCES(:REF_NAME);
                ELSE
                  RETURN 'unknown operation: ' || OPERATION;
              END CASE;
              RETURN NULL;
            END;
            $$;
            GRANT USAGE ON PROCEDURE PUBLIC.REGISTER_REFERENCE(STRING, STRING, STRING) TO APPLICATION ROLE ADMIN;

            CREATE OR REPLACE PROCEDURE PUBLIC.SET_ONLY(REF_NAME STRING, REF_OR_ALIAS STRING)
              RETURNS STRING
              LANGUAGE SQL
              AS $$
            BEGIN
              SELECT SYSTEM$SET_REFERENCE(:REF_NAME, :REF_OR_ALIAS);
              RETURN 'set';
            END;
            $$;
            GRANT USAGE ON PROCEDURE PUBLIC.SET_ONLY(STRING, STRING) TO APPLICATION ROLE ADMIN;

            CREATE OR REPLACE PROCEDURE PUBLIC.SETUP_EXTERNAL_ACCESS()
              RETURNS STRING
              LANGUAGE SQL
              EXECUTE AS OWNER
              AS $$
            BEGIN
              BEGIN
                IF (ARRAY_SIZE(PARSE_JSON(SYSTEM$GET_ALL_REFERENCES('API_ACCESS'))) = 0) THEN
                  RETURN NULL;
                END IF;
                IF (ARRAY_SIZE(PARSE_JSON(SYSTEM$GET_ALL_REFERENCES('API_TOKEN_SECRET'))) = 0) THEN
                  RETURN NULL;
                END IF;
              EXCEPTION
                WHEN OTHER THEN
                  RETURN NULL;
              END;
              ALTER PROCEDURE PUBLIC.TEST_CONNECTION() SET
                SECRETS = ('api_token' = reference('API_TOKEN_SECRET'))
                EXTERNAL_ACCESS_INTEGRATIONS = (reference('API_ACCESS'));
              RETURN 'Success';
            EXCEPTION
              WHEN OTHER THEN
                RETURN 'External access could not be set up: ' || SQLERRM;
            END;
            $$;
            """;

    private FakeSnowflake snowflake;
    private FakeAccount account;
    private Connection connection;

    @BeforeEach
    void start() throws SQLException, IOException {
        snowflake = FakeSnowflake.start();
        account = new FakeAccount(snowflake);
        connection = DriverManager.getConnection(snowflake.jdbcUrl(), snowflake.connectionProperties());
        snowflake.addStageFile(STAGE, "manifest.yml", MANIFEST.getBytes(StandardCharsets.UTF_8));
        snowflake.addStageFile(STAGE, "lib/probe.jar", StagedJars.connectorJar(StagedTesters.FirstBuild.class
                .getName(), List.of(new ConnectorDescription.Field("api_token", FieldType.SECRET, true, null, ""))));
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        snowflake.close();
    }

    @Test
    void aMultiValuedReferenceTakesAddedObjectsAndSetReferenceIsRefused() throws SQLException {
        install(SETUP);
        String first = reference("TABLE", "DB.S.ORDERS");
        String second = reference("TABLE", "DB.S.CUSTOMERS");

        assertThat(register("SOURCES", "ADD", first)).isNull();
        assertThat(register("SOURCES", "ADD", second)).isNull();

        FakeNativeApp app = account.app("PROBE").orElseThrow();
        assertThat(app.boundObjects("SOURCES")).containsExactly("DB.S.ORDERS", "DB.S.CUSTOMERS");
        assertThat(app.boundReferences).containsEntry("SOURCES", "DB.S.ORDERS, DB.S.CUSTOMERS");
        assertThatThrownBy(() -> register("SOURCES", "ADD", first)).isInstanceOf(SQLException.class)
                .hasMessageContaining("Reference 'SOURCES' is already associated with this object.");
        assertThatThrownBy(() -> call("CALL \"PROBE\".PUBLIC.SET_ONLY(?, ?)", "SOURCES", reference("TABLE", "DB.S.X")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1003))
                .hasMessageContaining("SYSTEM$SET_REFERENCE supports only single-valued references; reference "
                        + "'SOURCES' is multi-valued.");

        assertThat(register("SOURCES", "REMOVE", first)).isNull();
        assertThat(app.boundObjects("SOURCES")).containsExactly("DB.S.CUSTOMERS");
        assertThat(register("SOURCES", "CLEAR", "")).isNull();
        assertThat(app.boundReferences).doesNotContainKey("SOURCES");
        assertThat(register("SOURCES", "MOVE", "")).isEqualTo("unknown operation: MOVE");
    }

    @Test
    void aReferenceTheManifestDoesNotDeclareIsRefused() throws SQLException {
        install(SETUP);

        assertThatThrownBy(() -> register("NOT_DECLARED", "ADD", reference("TABLE", "DB.S.T")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(2003))
                .hasMessageContaining("Reference definition 'NOT_DECLARED' does not exist in the manifest of "
                        + "application 'PROBE'");
    }

    @Test
    void theBoundIntegrationMustAllowTheBoundSecret() throws SQLException {
        install(SETUP);
        execute("CREATE EXTERNAL ACCESS INTEGRATION api_eai ALLOWED_NETWORK_RULES = (api_rule) "
                + "ALLOWED_AUTHENTICATION_SECRETS = (db.s.other_token) ENABLED = TRUE");
        FakeNativeApp app = account.app("PROBE").orElseThrow();

        assertThat(register("API_ACCESS", "ADD", reference("EXTERNAL ACCESS INTEGRATION", "API_EAI")))
                .as("no secret bound yet: nothing to set up").isNull();
        execute("CREATE OR REPLACE SECRET " + SECRET + " TYPE = GENERIC_STRING SECRET_STRING = 'token'");
        String secret = secretReference();
        assertThat(register("API_TOKEN_SECRET", "ADD", secret)).isEqualTo("External access could not be set up: "
                + "SQL compilation error:\nSecret '" + SECRET + "' is not allowed by the ALLOWED_AUTHENTICATION_"
                + "SECRETS of external access integration '\"API_EAI\"'.");
        assertThat(app.externalAccess).isEmpty();

        execute("ALTER EXTERNAL ACCESS INTEGRATION API_EAI SET ALLOWED_AUTHENTICATION_SECRETS = (db.s.token)");

        assertThat(register("API_TOKEN_SECRET", "ADD", secret)).isNull();
        assertThat(app.externalAccess).containsOnly(Map.entry("TEST_CONNECTION", new FakeNativeApp.ExternalAccess(
                Map.of("api_token", SECRET), List.of("\"API_EAI\""))));
    }

    @Test
    void anIntegrationTheFakeWasNotToldAboutAllowsEverySecretAndOneDeclaredInJavaEnforcesItsList()
            throws SQLException {
        install(SETUP);
        execute("CREATE OR REPLACE SECRET " + SECRET + " TYPE = GENERIC_STRING SECRET_STRING = 'token'");
        String secret = secretReference();

        assertThat(register("API_ACCESS", "ADD", reference("EXTERNAL ACCESS INTEGRATION", "UNDECLARED_EAI")))
                .isNull();
        assertThat(register("API_TOKEN_SECRET", "ADD", secret)).isNull();
        assertThat(account.app("PROBE").orElseThrow().externalAccess).containsKey("TEST_CONNECTION");

        snowflake.externalAccessIntegrations().create("UNDECLARED_EAI",
                ExternalAccessIntegrations.AllowedSecrets.none());
        assertThat(register("API_TOKEN_SECRET", "ADD", secret)).startsWith("External access could not be set up: ");
        snowflake.externalAccessIntegrations().create("undeclared_eai",
                ExternalAccessIntegrations.AllowedSecrets.anySecret());
        assertThat(register("API_TOKEN_SECRET", "ADD", secret)).isNull();
    }

    @Test
    void aProcedureBodyOutsideTheInterpretedSubsetFailsItsCallLoudly() throws SQLException {
        install(SETUP.replace("RETURN 'set';", "WHILE (1 = 1) DO\n    RETURN 'set';\n  END WHILE;"));

        assertThatThrownBy(() -> call("CALL \"PROBE\".PUBLIC.SET_ONLY(?, ?)", "SOURCES", "ENT_REF_1"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode())
                        .isEqualTo(FakeNativeApp.CANNOT_INTERPRET))
                .hasMessageContaining("The fake Snowflake cannot run PUBLIC.SET_ONLY: line 4 of its body has the "
                        + "statement WHILE");
    }

    private void install(String setupScript) throws SQLException {
        snowflake.addStageFile(STAGE, "setup.sql", setupScript.getBytes(StandardCharsets.UTF_8));
        execute(CREATE);
    }

    private String reference(String type, String object) throws SQLException {
        return call("SELECT SYSTEM$REFERENCE(?, ?, 'PERSISTENT', 'USAGE')", type, object);
    }

    private String secretReference() throws SQLException {
        return call("SELECT SYSTEM$REFERENCE('SECRET', ?, 'PERSISTENT', 'READ')", SECRET);
    }

    private String register(String reference, String operation, String id) throws SQLException {
        return call(REGISTER, reference, operation, id);
    }

    private String call(String sql, String... arguments) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setString(i + 1, arguments[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    /**
     * A consumer's SECRET with its value bound ({@code SECRET_STRING = ?},
     * https://docs.snowflake.com/en/sql-reference/bind-variables), as connector:configure writes it: the value is the
     * binding, never in the statement's text; a statement without its one string binding, or malformed, is refused.
     */
    @Test
    void aSecretsValueMayBeBoundAndAMalformedStatementIsRefused() throws SQLException {
        install(SETUP);
        String create = "CREATE OR REPLACE SECRET " + SECRET + " TYPE = GENERIC_STRING SECRET_STRING = ?"
                + " COMMENT = 'made by a test'";
        try (PreparedStatement statement = connection.prepareStatement(create)) {
            statement.setString(1, "bound-t0ken");
            statement.execute();
        }

        assertThat(snowflake.consumerObjects().secrets).containsEntry(SECRET, "bound-t0ken");
        assertThat(snowflake.statements()).noneSatisfy(statement -> assertThat(statement.sql())
                .contains("bound-t0ken"));
        assertThatThrownBy(() -> execute(create)).isInstanceOf(SQLException.class)
                .hasMessageContaining("SECRET_STRING = ? takes one bound string");
        assertThatThrownBy(() -> execute("CREATE OR REPLACE SECRET " + SECRET + " TYPE = GENERIC_STRING "
                + "SECRET_STRING = token")).isInstanceOf(SQLException.class).hasMessageContaining("syntax error");
    }

    /** Procedures that keep a secret of the app's own, and give it to TEST_CONNECTION. */
    private static final String OWN_SECRET_PROCEDURES = """

            CREATE OR ALTER SCHEMA STATE;
            CREATE OR REPLACE PROCEDURE PUBLIC.MAKE(VALUE STRING)
              RETURNS STRING
              LANGUAGE SQL
              EXECUTE AS OWNER
              AS $$
            BEGIN
              CREATE SECRET IF NOT EXISTS STATE."TOKEN_VALUE" TYPE = GENERIC_STRING SECRET_STRING = :VALUE;
              RETURN 'made';
            END;
            $$;
            GRANT USAGE ON PROCEDURE PUBLIC.MAKE(STRING) TO APPLICATION ROLE ADMIN;
            CREATE OR REPLACE PROCEDURE PUBLIC.CHANGE(VALUE STRING)
              RETURNS STRING
              LANGUAGE SQL
              EXECUTE AS OWNER
              AS $$
            BEGIN
              ALTER SECRET STATE."TOKEN_VALUE" SET SECRET_STRING = :VALUE;
              RETURN 'changed';
            END;
            $$;
            GRANT USAGE ON PROCEDURE PUBLIC.CHANGE(STRING) TO APPLICATION ROLE ADMIN;
            CREATE OR REPLACE PROCEDURE PUBLIC.ELSEWHERE(VALUE STRING)
              RETURNS STRING
              LANGUAGE SQL
              EXECUTE AS OWNER
              AS $$
            BEGIN
              CREATE SECRET IF NOT EXISTS DB.S.TAKEN TYPE = GENERIC_STRING SECRET_STRING = :VALUE;
              RETURN 'made elsewhere';
            END;
            $$;
            GRANT USAGE ON PROCEDURE PUBLIC.ELSEWHERE(STRING) TO APPLICATION ROLE ADMIN;
            CREATE OR REPLACE PROCEDURE PUBLIC.GIVE(WHICH STRING)
              RETURNS STRING
              LANGUAGE SQL
              EXECUTE AS OWNER
              AS $$
            BEGIN
              IF (WHICH = 'own') THEN
                ALTER PROCEDURE PUBLIC.TEST_CONNECTION() SET SECRETS = ('api_token' = STATE."TOKEN_VALUE")
                  EXTERNAL_ACCESS_INTEGRATIONS = (reference('API_ACCESS'));
              ELSE
                ALTER PROCEDURE PUBLIC.TEST_CONNECTION() SET SECRETS = ('api_token' = PROBE.STATE."OTHER_VALUE")
                  EXTERNAL_ACCESS_INTEGRATIONS = (reference('API_ACCESS'));
              END IF;
              RETURN 'given';
            END;
            $$;
            GRANT USAGE ON PROCEDURE PUBLIC.GIVE(STRING) TO APPLICATION ROLE ADMIN;
            """;

    /**
     * An app may create a SECRET in a schema of its own and set its value from a bound variable
     * (https://docs.snowflake.com/en/developer-guide/snowflake-scripting/variables,
     * https://docs.snowflake.com/en/sql-reference/sql/create-secret); ALTER SECRET of a missing one fails with
     * "does not exist or not authorized" (002003, https://docs.snowflake.com/en/sql-reference/sql/alter-secret), and
     * so does a secret outside the app; a procedure may be given the app's secret only through an integration that
     * allows it, and never one that does not exist.
     */
    @Test
    void anAppKeepsASecretOfItsOwnAndGivesItOnlyThroughAnIntegrationThatAllowsIt() throws SQLException {
        install(SETUP + OWN_SECRET_PROCEDURES);
        FakeNativeApp app = account.app("PROBE").orElseThrow();
        String own = "\"PROBE\".\"STATE\".\"TOKEN_VALUE\"";

        assertThatThrownBy(() -> call("CALL \"PROBE\".PUBLIC.CHANGE(?)", "first-t0ken"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(2003))
                .hasMessageContaining("Secret 'PROBE.STATE.TOKEN_VALUE' does not exist or not authorized.");
        assertThat(call("CALL \"PROBE\".PUBLIC.MAKE(?)", "first-t0ken")).isEqualTo("made");
        assertThat(call("CALL \"PROBE\".PUBLIC.MAKE(?)", "ignored-t0ken")).as("IF NOT EXISTS").isEqualTo("made");
        assertThat(app.ownSecrets()).containsExactly(Map.entry(own, "first-t0ken"));
        assertThat(call("CALL \"PROBE\".PUBLIC.CHANGE(?)", "second-t0ken")).isEqualTo("changed");
        assertThat(app.ownSecrets()).containsExactly(Map.entry(own, "second-t0ken"));
        assertThatThrownBy(() -> call("CALL \"PROBE\".PUBLIC.ELSEWHERE(?)", "third-t0ken"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(2003));
        assertThat(snowflake.consumerObjects().secrets).doesNotContainKey("DB.S.TAKEN");

        execute("CREATE EXTERNAL ACCESS INTEGRATION api_eai ALLOWED_NETWORK_RULES = (api_rule) "
                + "ALLOWED_AUTHENTICATION_SECRETS = (db.s.token) ENABLED = TRUE");
        register("API_ACCESS", "ADD", reference("EXTERNAL ACCESS INTEGRATION", "API_EAI"));
        assertThatThrownBy(() -> call("CALL \"PROBE\".PUBLIC.GIVE(?)", "own")).isInstanceOf(SQLException.class)
                .hasMessageContaining("Secret '" + own + "' is not allowed by the ALLOWED_AUTHENTICATION_SECRETS");
        assertThatThrownBy(() -> call("CALL \"PROBE\".PUBLIC.GIVE(?)", "missing"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(2003))
                .hasMessageContaining("Secret 'PROBE.STATE.OTHER_VALUE' does not exist or not authorized.");
        assertThat(app.externalAccess).isEmpty();

        execute("ALTER EXTERNAL ACCESS INTEGRATION API_EAI SET ALLOWED_AUTHENTICATION_SECRETS = "
                + "(probe.state.token_value)");
        assertThat(call("CALL \"PROBE\".PUBLIC.GIVE(?)", "own")).isEqualTo("given");
        assertThat(app.externalAccess).containsOnly(Map.entry("TEST_CONNECTION", new FakeNativeApp.ExternalAccess(
                Map.of("api_token", own), List.of("\"API_EAI\""))));
        assertThat(snowflake.statements()).noneSatisfy(statement -> assertThat(statement.sql()).contains("t0ken"));
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
