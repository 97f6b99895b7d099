package io.connectorkit.fake.snowflake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The procedures a staged setup script creates in {@code PUBLIC}: each one's name and parameters, and for a
 * {@code LANGUAGE SQL} procedure its Snowflake Scripting body (between {@code AS $$} and {@code $$}), which the fake
 * runs with {@link SnowflakeScript}. Only {@code CREATE OR REPLACE PROCEDURE PUBLIC.<NAME>(…)} statements are read.
 */
final class SetupScriptProcedures {

    /** A $$ body holds semicolons: such a statement ends at the first ';' after its closing $$. */
    private static final Pattern PROCEDURE = Pattern.compile(
            "CREATE OR REPLACE PROCEDURE PUBLIC\\.([A-Z_][A-Z0-9_$]*)"
                    + "\\(([^)]*)\\)((?:[^$]|\\$(?!\\$))*?(?:\\$\\$.*?\\$\\$)?)\\s*;",
            Pattern.DOTALL);

    private static final Pattern SQL_BODY =
            Pattern.compile("LANGUAGE SQL\\b.*?\\bAS \\$\\$(.*?)\\$\\$\\s*$", Pattern.DOTALL);

    /**
     * A procedure of the script.
     *
     * @param parameters the parameter names, upper case, in order
     * @param parameterTypes their types as the script writes them
     * @param scriptingBody the Snowflake Scripting body; empty for a procedure in another language
     */
    record Procedure(
            String name, List<String> parameters, List<String> parameterTypes, Optional<String> scriptingBody) {}

    private final Map<String, Procedure> procedures;

    private SetupScriptProcedures(Map<String, Procedure> procedures) {
        this.procedures = Map.copyOf(procedures);
    }

    /** The procedures of the setup script among the staged files (none when there is no such file). */
    static SetupScriptProcedures of(Map<String, byte[]> files, String setupScript) {
        byte[] script = files.get(setupScript);
        return script == null ? new SetupScriptProcedures(Map.of()) : parse(new String(script, StandardCharsets.UTF_8));
    }

    static SetupScriptProcedures parse(String script) {
        Map<String, Procedure> procedures = new LinkedHashMap<>();
        Matcher matcher = PROCEDURE.matcher(script);
        while (matcher.find()) {
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (String parameter : matcher.group(2).split(",")) {
                String[] words = parameter.trim().split("\\s+");
                if (words.length >= 2) {
                    names.add(words[0].toUpperCase(Locale.ROOT));
                    types.add(words[1].toUpperCase(Locale.ROOT));
                }
            }
            Matcher body = SQL_BODY.matcher(matcher.group(3));
            procedures.put(
                    matcher.group(1),
                    new Procedure(
                            matcher.group(1),
                            names,
                            types,
                            body.find() ? Optional.of(body.group(1)) : Optional.empty()));
        }
        return new SetupScriptProcedures(procedures);
    }

    Optional<Procedure> procedure(String name) {
        return Optional.ofNullable(procedures.get(name));
    }

    /** Whether the script creates a LANGUAGE SQL procedure of this name. */
    boolean isScripted(String name) {
        return procedure(name).flatMap(Procedure::scriptingBody).isPresent();
    }
}
