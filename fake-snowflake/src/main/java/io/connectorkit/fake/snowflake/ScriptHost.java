package io.connectorkit.fake.snowflake;

import java.util.List;
import java.util.Map;

/**
 * What a Snowflake Scripting body reaches outside itself while {@link SnowflakeScript} runs it: the app's system
 * functions, its other procedures, and ALTER PROCEDURE. Each may fail with a {@link SnowflakeRefusal}, which the
 * script's exception handlers catch as Snowflake's errors.
 */
interface ScriptHost {

    /** {@code SYSTEM$…(args)}: its answer. */
    Object systemFunction(String name, List<Object> arguments);

    /** {@code CALL PUBLIC.<NAME>(args)}: the procedure's answer. */
    Object call(String procedure, List<Object> arguments);

    /**
     * {@code ALTER PROCEDURE PUBLIC.<NAME>(<types>) SET SECRETS = (…) EXTERNAL_ACCESS_INTEGRATIONS = (…)}.
     *
     * @param secrets the secret variable names and the objects given to them
     * @param integrations the integrations given
     */
    void alterProcedure(String procedure, List<String> argumentTypes, Map<String, ScriptObject> secrets,
            List<ScriptObject> integrations);

    /**
     * {@code EXECUTE IMMEDIATE}: runs the statement the text is, as the app
     * (https://docs.snowflake.com/en/sql-reference/sql/execute-immediate).
     */
    void executeImmediate(String sql);

    /** What a SECRET statement of a body does. */
    enum SecretOperation { CREATE, ALTER, DESCRIBE }

    /**
     * {@code CREATE SECRET [IF NOT EXISTS]}, {@code ALTER SECRET [IF EXISTS] … SET SECRET_STRING} or {@code DESCRIBE
     * SECRET} of a GENERIC_STRING secret.
     *
     * @param name the secret's name as written
     * @param conditional whether IF [NOT] EXISTS was written
     * @param value the secret string; null for DESCRIBE
     */
    void secret(SecretOperation operation, String name, boolean conditional, String value);

    /** {@code CURRENT_DATABASE()}: inside an app's procedure, the application's name. */
    String currentDatabase();

    /** An object an ALTER PROCEDURE names: {@code reference('NAME')} (one of the app's references) or by its name. */
    record ScriptObject(String name, boolean isReference) {
    }
}
