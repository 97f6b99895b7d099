package io.connectorkit.fake.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.fake.snowflake.ScriptHost.ScriptObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;

/**
 * The Snowflake Scripting subset the fake interprets
 * (https://docs.snowflake.com/en/developer-guide/snowflake-scripting/index): what each construct does, with
 * Snowflake's NULL logic and exception handling, and a loud refusal of anything outside the subset.
 */
class SnowflakeScriptTest {

    /** The shape of the kit's REGISTER_REFERENCE: SYSTEM$ADD_REFERENCE for multi-valued references. */
    private static final String REGISTER = """
            DECLARE
              SETUP_ANSWER STRING;
            BEGIN
              CASE (OPERATION)
                WHEN 'ADD' THEN
                  IF (REF_NAME IN ('TABLES', 'VIEWS')) THEN
                    SELECT SYSTEM$ADD_REFERENCE(:REF_NAME, :REF_OR_ALIAS);
                  ELSE
                    SELECT SYSTEM$SET_REFERENCE(:REF_NAME, :REF_OR_ALIAS);
                  END IF;
                  CALL PUBLIC.SETUP_EXTERNAL_ACCESS() INTO :SETUP_ANSWER;
                  IF (SETUP_ANSWER IS NOT NULL AND SETUP_ANSWER <> 'Success') THEN
                    RETURN SETUP_ANSWER;
                  END IF;
                WHEN 'CLEAR' THEN
                  SELECT SYSTEM$REMOVE_ALL_REFERENCES(:REF_NAME);
                ELSE
                  RETURN 'unknown operation: ' || OPERATION;
              END CASE;
              RETURN NULL;
            END;
            """;
    private static final List<String> REGISTER_PARAMETERS = List.of("REF_NAME", "OPERATION", "REF_OR_ALIAS");

    private final RecordingHost host = new RecordingHost();

    @Test
    void caseAndIfChooseTheSystemFunctionAndTheSetupAnswerIsReturnedUnlessNullOrSuccess() {
        SnowflakeScript script = SnowflakeScript.parse("REGISTER_REFERENCE", REGISTER);

        host.setupAnswer = null;
        assertThat(script.run(REGISTER_PARAMETERS, List.of("TABLES", "ADD", "ENT_REF_1"), host)).isNull();
        host.setupAnswer = "Success";
        assertThat(script.run(REGISTER_PARAMETERS, List.of("WAREHOUSE", "ADD", "ENT_REF_2"), host)).isNull();
        host.setupAnswer = "External access could not be set up: denied";
        assertThat(script.run(REGISTER_PARAMETERS, List.of("WAREHOUSE", "ADD", "ENT_REF_3"), host))
                .isEqualTo("External access could not be set up: denied");
        assertThat(script.run(REGISTER_PARAMETERS, List.of("TABLES", "CLEAR", ""), host)).isNull();
        assertThat(script.run(REGISTER_PARAMETERS, List.of("TABLES", "MOVE", ""), host))
                .isEqualTo("unknown operation: MOVE");

        assertThat(host.log).containsExactly(
                "SYSTEM$ADD_REFERENCE[TABLES, ENT_REF_1]", "CALL SETUP_EXTERNAL_ACCESS[]",
                "SYSTEM$SET_REFERENCE[WAREHOUSE, ENT_REF_2]", "CALL SETUP_EXTERNAL_ACCESS[]",
                "SYSTEM$SET_REFERENCE[WAREHOUSE, ENT_REF_3]", "CALL SETUP_EXTERNAL_ACCESS[]",
                "SYSTEM$REMOVE_ALL_REFERENCES[TABLES]");
    }

    @Test
    void aNestedHandlerCatchesItsBlocksErrorsAndTheOuterOneSeesSqlerrm() {
        SnowflakeScript script = SnowflakeScript.parse("SETUP_EXTERNAL_ACCESS", """
                BEGIN
                  BEGIN
                    IF (ARRAY_SIZE(PARSE_JSON(SYSTEM$GET_ALL_REFERENCES('EAI'))) = 0) THEN
                      RETURN NULL;
                    END IF;
                  EXCEPTION
                    WHEN OTHER THEN
                      RETURN 'inner: ' || SQLERRM;
                  END;
                  ALTER PROCEDURE PUBLIC.RUN(VARIANT) SET
                    SECRETS = ('api_token' = reference('TOKEN'))
                    EXTERNAL_ACCESS_INTEGRATIONS = (reference('EAI'), OTHER_EAI);
                  RETURN 'Success';
                EXCEPTION
                  WHEN OTHER THEN
                    RETURN 'outer: ' || SQLERRM || ' (' || SQLCODE || ')';
                END;
                """);

        host.references = "[]";
        assertThat(script.run(List.of(), List.of(), host)).as("no integration bound yet").isNull();
        host.references = "not json";
        assertThat(script.run(List.of(), List.of(), host)).startsWith("inner: Error parsing JSON: ");
        host.references = "[\"ENT_REF_1\"]";
        assertThat(script.run(List.of(), List.of(), host)).isEqualTo("Success");
        assertThat(host.alterations).containsExactly("RUN[VARIANT] {api_token=ScriptObject[name=TOKEN, "
                + "isReference=true]} [ScriptObject[name=EAI, isReference=true], ScriptObject[name=OTHER_EAI, "
                + "isReference=false]]");
        host.alterRefusal = new SnowflakeRefusal(1003, "42601", "Secret not allowed");
        assertThat(script.run(List.of(), List.of(), host)).isEqualTo("outer: Secret not allowed (1003)");
    }

    @Test
    void nullComparesToNothingAndLetDeclaresWhereAssignmentNeedsADeclaration() {
        SnowflakeScript script = SnowflakeScript.parse("P", """
                DECLARE
                  ANSWER STRING DEFAULT 'start';
                BEGIN
                  LET UNKNOWN STRING := NULL;
                  IF (UNKNOWN <> 'Success' OR UNKNOWN = 'Success' OR NOT (UNKNOWN IN ('a'))) THEN
                    RETURN 'NULL compared as a value';
                  END IF;
                  IF (UNKNOWN IS NULL AND 1 = 1.0 AND X <> 'b') THEN
                    ANSWER := ANSWER || '-' || X;
                  ELSE
                    RETURN 'wrong branch';
                  END IF;
                  CASE
                    WHEN ANSWER = 'start-a' THEN
                      RETURN ANSWER;
                  END CASE;
                  RETURN 'no match';
                END;
                """);

        assertThat(script.run(List.of("X"), List.of("a"), host)).isEqualTo("start-a");
        assertThatThrownBy(() -> SnowflakeScript.parse("P", "BEGIN\n  NEVER_DECLARED := 1;\nEND;")
                .run(List.of(), List.of(), host))
                .isInstanceOfSatisfying(SnowflakeRefusal.class, e -> assertThat(e.code).isEqualTo(904))
                .hasMessage("SQL compilation error: error line 2 at position 0\ninvalid identifier 'NEVER_DECLARED'");
    }

    @Test
    void anErrorWithoutHandlerReachesTheCaller() {
        SnowflakeScript script = SnowflakeScript.parse("P", "BEGIN\n  SELECT SYSTEM$FAIL();\n  RETURN 'after';\nEND;");

        assertThatThrownBy(() -> script.run(List.of(), List.of(), host)).isInstanceOf(SnowflakeRefusal.class)
                .hasMessage("SYSTEM$FAIL failed");
    }

    /**
     * The constructs of the Native SDK's SETUP_EXTERNAL_INTEGRATION procedures: a FOR loop over an array's indexes,
     * arithmetic, elements, OBJECT_CONSTRUCT without its NULL values, GET and AS_VARCHAR of a VARIANT, UPPER,
     * CONTAINS, REGEXP_LIKE over the whole text, COALESCE.
     */
    @Test
    void loopsOverAnArrayAndBuildsAnObject() throws Exception {
        SnowflakeScript script = SnowflakeScript.parse("P", """
                DECLARE
                  SEEN STRING DEFAULT '';
                BEGIN
                  FOR I IN 0 TO ARRAY_SIZE(METHODS) - 1 DO
                    SEEN := SEEN || UPPER(AS_VARCHAR(METHODS[I])) || ';';
                  END FOR;
                  RETURN OBJECT_CONSTRUCT('seen', SEEN, 'count', ARRAY_SIZE(METHODS) + 1, 'none', NULL,
                    'name', AS_VARCHAR(GET(CONFIG, 'name')), 'has', CONTAINS(SEEN, 'B;'),
                    'id', REGEXP_LIKE(AS_VARCHAR(GET(CONFIG, 'name')), '[A-Z_]+'), 'part', REGEXP_LIKE('AB C', 'AB'),
                    'first', COALESCE(NULL, METHODS[5], 'fallback'));
                END;
                """);
        ObjectMapper json = new ObjectMapper();

        String answer = script.run(List.of("METHODS", "CONFIG"), List.of(json.readTree("[\"a\", \"b\"]"),
                "{\"name\": \"GH_EAI\"}"), host);

        assertThat(json.readTree(answer)).isEqualTo(json.readTree("{\"seen\": \"A;B;\", \"count\": 3, \"name\":"
                + " \"GH_EAI\", \"has\": true, \"id\": true, \"part\": false, \"first\": \"fallback\"}"));
        assertThat(script.run(List.of("METHODS", "CONFIG"), List.of(json.readTree("[]"), "{}"), host))
                .contains("\"seen\":\"\"");
    }

    @Test
    void constructsOutsideTheSubsetAreRefusedByNameAndLine() {
        assertUnsupported("BEGIN\n  WHILE (1 = 1) DO\n    RETURN 1;\n  END WHILE;\nEND;", "line 2",
                "the statement WHILE");
        assertUnsupported("BEGIN\n  IF (1 = 1) THEN\n    RETURN 1;\n  ELSEIF (1 = 2) THEN\n    RETURN 2;\n  END IF;\nEND;",
                "line 4", "ELSEIF");
        assertUnsupported("BEGIN\n  RETURN INITCAP('a');\nEND;", "line 2", "the function INITCAP");
        assertUnsupported("BEGIN\n  RETURN 1;\nEXCEPTION\n  WHEN STATEMENT_ERROR THEN\n    RETURN 2;\nEND;",
                "line 4", "named exceptions (WHEN STATEMENT_ERROR)");
        assertUnsupported("BEGIN\n  SELECT 1 FROM T;\nEND;", "line 2", "SELECT … FROM");
        assertUnsupported("DECLARE\n  C CURSOR FOR SELECT 1;\nBEGIN\n  RETURN 1;\nEND;", "line 2",
                "a variable of type CURSOR");
        assertUnsupported("BEGIN\n  RETURN 2 * 3;\nEND;", "line 2", "the character '*'");
        assertUnsupported("BEGIN\n  ALTER TABLE T SET COMMENT = 'x';\nEND;", "line 2", "ALTER TABLE");
    }

    /**
     * The kit's manifest-v2 SETUP_EXTERNAL_ACCESS names the integration it creates after its application, so it
     * builds the statements as text: EXECUTE IMMEDIATE hands them to the host, with CURRENT_DATABASE() and REPLACE
     * evaluated and a quoted identifier kept as written.
     */
    @Test
    void executeImmediateRunsTheBuiltStatementAsTheHost() {
        SnowflakeScript script = SnowflakeScript.parse("SETUP_EXTERNAL_ACCESS", """
                DECLARE
                  INTEGRATION STRING DEFAULT '"' || REPLACE(CURRENT_DATABASE(), '"', '""') || '_API"';
                BEGIN
                  EXECUTE IMMEDIATE 'CREATE EXTERNAL ACCESS INTEGRATION IF NOT EXISTS ' || INTEGRATION
                    || ' ALLOWED_NETWORK_RULES = (STATE.API_RULE) ENABLED = TRUE';
                  RETURN INTEGRATION;
                END;
                """);
        host.currentDatabase = "My\"App";

        assertThat(script.run(List.of(), List.of(), host)).isEqualTo("\"My\"\"App_API\"");
        assertThat(host.executed).containsExactly("CREATE EXTERNAL ACCESS INTEGRATION IF NOT EXISTS \"My\"\"App_API\""
                + " ALLOWED_NETWORK_RULES = (STATE.API_RULE) ENABLED = TRUE");
    }

    @Test
    void anAlterProcedureNamesAQuotedIntegration() {
        SnowflakeScript script = SnowflakeScript.parse("P", """
                BEGIN
                  ALTER PROCEDURE PUBLIC.TEST_CONNECTION() SET EXTERNAL_ACCESS_INTEGRATIONS = ("DEMO_API");
                END;
                """);

        script.run(List.of(), List.of(), host);

        assertThat(host.alterations).containsExactly("TEST_CONNECTION[] {} [ScriptObject[name=\"DEMO_API\", "
                + "isReference=false]]");
    }

    @Test
    void executeImmediateOfNullAndReplaceOfNullAreSnowflakes() {
        SnowflakeScript nullStatement = SnowflakeScript.parse("P", "BEGIN\n  EXECUTE IMMEDIATE NULL;\nEND;");
        assertThatThrownBy(() -> nullStatement.run(List.of(), List.of(), host)).isInstanceOf(SnowflakeRefusal.class);
        SnowflakeScript replaced = SnowflakeScript.parse("P", "BEGIN\n  RETURN REPLACE(NULL, 'a', 'b');\nEND;");
        assertThat(replaced.run(List.of(), List.of(), host)).isNull();
        assertThat(host.executed).isEmpty();
    }

    private static void assertUnsupported(String body, String line, String construct) {
        assertThatThrownBy(() -> SnowflakeScript.parse("P", body))
                .isInstanceOf(SnowflakeScript.UnsupportedScriptException.class)
                .hasMessageContaining("The fake Snowflake cannot run PUBLIC.P: " + line + " of its body has ")
                .hasMessageContaining(construct)
                .hasMessageEndingWith("which is outside the Snowflake Scripting it interprets");
    }

    /**
     * SECRET statements take the value from a variable bound with a colon, or a string literal
     * (https://docs.snowflake.com/en/developer-guide/snowflake-scripting/variables, "Using a variable in a SQL
     * statement (binding)"); an expression in its place is refused as a syntax error, and only GENERIC_STRING secrets
     * are modelled.
     */
    @Test
    void secretStatementsBindTheVariablesValue() {
        SnowflakeScript script = SnowflakeScript.parse("SET_SECRET", """
                BEGIN
                  CREATE SECRET IF NOT EXISTS STATE."TOKEN_VALUE" TYPE = GENERIC_STRING SECRET_STRING = :VALUE;
                  ALTER SECRET STATE."TOKEN_VALUE" SET SECRET_STRING = :VALUE;
                  DESCRIBE SECRET STATE."TOKEN_VALUE";
                  ALTER SECRET IF EXISTS STATE.OTHER SET SECRET_STRING = 'literal';
                END;
                """);

        script.run(List.of("VALUE"), List.of("s3cr3t"), host);

        assertThat(host.secretStatements).containsExactly("CREATE IF STATE.\"TOKEN_VALUE\" = s3cr3t",
                "ALTER STATE.\"TOKEN_VALUE\" = s3cr3t", "DESCRIBE STATE.\"TOKEN_VALUE\"",
                "ALTER IF STATE.OTHER = literal");
        assertThatThrownBy(() -> SnowflakeScript.parse("P", "BEGIN ALTER SECRET S SET SECRET_STRING = 'a' || 'b'; END;"))
                .isInstanceOf(SnowflakeScript.UnsupportedScriptException.class);
        assertThatThrownBy(() -> SnowflakeScript.parse("P", "BEGIN ALTER SECRET S SET SECRET_STRING = VALUE; END;"))
                .isInstanceOf(SnowflakeRefusal.class).hasMessageContaining("SECRET_STRING takes a string literal or a "
                        + "bind variable");
        assertThatThrownBy(() -> SnowflakeScript.parse("P", "BEGIN CREATE SECRET S TYPE = PASSWORD USERNAME = 'u'; END;"))
                .hasMessageContaining("a secret of TYPE PASSWORD");
        assertThatThrownBy(() -> SnowflakeScript.parse("P", "BEGIN ALTER SECRET S SET SECRET_STRING = :V; END;")
                .run(List.of("V"), List.of(BigDecimal.ONE), host)).isInstanceOf(SnowflakeRefusal.class)
                .hasMessageContaining("must be a string");
    }

    /** Records what the script reaches, and answers as a test sets it up. */
    private static final class RecordingHost implements ScriptHost {
        final List<String> log = new ArrayList<>();
        final List<String> alterations = new ArrayList<>();
        String setupAnswer;
        String references = "[]";
        SnowflakeRefusal alterRefusal;
        final List<String> executed = new ArrayList<>();
        String currentDatabase = "APP";

        @Override
        public void executeImmediate(String sql) {
            executed.add(sql);
        }

        @Override
        public String currentDatabase() {
            return currentDatabase;
        }

        @Override
        public Object systemFunction(String name, List<Object> arguments) {
            if (name.equals("SYSTEM$GET_ALL_REFERENCES")) {
                return references;
            }
            if (name.equals("SYSTEM$FAIL")) {
                throw new SnowflakeRefusal(100132, "P0000", "SYSTEM$FAIL failed");
            }
            log.add(name + arguments);
            return null;
        }

        @Override
        public Object call(String procedure, List<Object> arguments) {
            log.add("CALL " + procedure + arguments);
            return setupAnswer;
        }

        @Override
        public void alterProcedure(String procedure, List<String> argumentTypes, Map<String, ScriptObject> secrets,
                List<ScriptObject> integrations) {
            if (alterRefusal != null) {
                throw alterRefusal;
            }
            alterations.add(procedure + argumentTypes + " " + new HashMap<>(secrets) + " " + integrations);
        }

        @Override
        public void secret(SecretOperation operation, String name, boolean conditional, String value) {
            secretStatements.add(operation + (conditional ? " IF " : " ") + name + (value == null ? "" : " = " + value));
        }

        final List<String> secretStatements = new ArrayList<>();
    }
}
