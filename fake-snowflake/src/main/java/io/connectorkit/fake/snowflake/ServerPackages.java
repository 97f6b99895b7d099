package io.connectorkit.fake.snowflake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account's INFORMATION_SCHEMA.PACKAGES: a row (PACKAGE_NAME, VERSION, LANGUAGE) for each version of a package
 * that the PACKAGES clause of CREATE FUNCTION and CREATE PROCEDURE can name
 * (https://docs.snowflake.com/en/sql-reference/info-schema/packages). Java packages are named {@code group:artifact}.
 *
 * <p>It answers {@code SELECT <columns> FROM <database>.INFORMATION_SCHEMA.PACKAGES [WHERE <column> = <value> [AND
 * …]]}, values as literals or bound; like Snowflake it compares text exactly ({@code 'JAVA'} matches no row). The
 * unqualified view is refused as Snowflake refuses it in a session without a current database, which every session
 * of the fake is.
 */
public final class ServerPackages {

    /** Java and Scala: Snowpark; the releases of github.com/snowflakedb/snowpark-java-scala from 1.9.0 to 1.16.0. */
    public static final List<String> SNOWPARK_VERSIONS = List.of(
            "1.9.0", "1.10.0", "1.11.0", "1.12.0", "1.12.1", "1.13.0", "1.13.1", "1.13.2", "1.14.0", "1.15.0",
            "1.16.0");

    static final int NO_CURRENT_DATABASE = 90105;
    private static final int INVALID_IDENTIFIER = 904;
    private static final int SQL_COMPILATION_ERROR = 1003;
    private static final List<String> COLUMNS = List.of("PACKAGE_NAME", "VERSION", "LANGUAGE");
    private static final Pattern VIEW = Pattern.compile("(?is)\\s*SELECT\\s.*\\bINFORMATION_SCHEMA\\.PACKAGES\\b.*");
    private static final Pattern QUERY = Pattern.compile("(?is)\\s*SELECT\\s+(.+?)\\s+FROM\\s+(?:(\\w+|\"[^\"]+\")\\.)?"
            + "INFORMATION_SCHEMA\\.PACKAGES(?:\\s+WHERE\\s+(.+?))?\\s*;?\\s*");
    private static final Pattern CONDITION = Pattern.compile("(?is)\\s*(\\w+)\\s*=\\s*(\\?|'((?:[^']|'')*)')\\s*");

    private record Package(String language, String name) {}

    private final Map<Package, List<String>> versions = new LinkedHashMap<>();

    ServerPackages() {
        offer("java", "com.snowflake:snowpark", SNOWPARK_VERSIONS);
        offer("java", "com.snowflake:telemetry", List.of("0.0.1", "0.1.0"));
        offer("scala", "com.snowflake:snowpark", SNOWPARK_VERSIONS);
        offer("python", "snowflake-snowpark-python", List.of("1.20.0", "1.25.0", "1.30.0"));
    }

    /** Lists these versions of the package, in place of those listed before; none removes the package. */
    public synchronized void offer(String language, String packageName, List<String> offered) {
        Package key = new Package(language, packageName);
        if (offered.isEmpty()) {
            versions.remove(key);
        } else {
            versions.put(key, List.copyOf(offered));
        }
    }

    static boolean reads(String sql) {
        return VIEW.matcher(sql).matches();
    }

    synchronized Reply answer(Query query) {
        Matcher matcher = QUERY.matcher(query.sql());
        if (!matcher.matches()) {
            return unsupported(query.sql());
        }
        if (matcher.group(2) == null) {
            return Reply.error(
                    NO_CURRENT_DATABASE,
                    "22000",
                    "Cannot perform SELECT. This session does not have a "
                            + "current database. Call 'USE DATABASE', or use a qualified name.");
        }
        List<String> selected = new ArrayList<>();
        for (String column : matcher.group(1).split(",")) {
            String name = column.strip().toUpperCase(Locale.ROOT);
            if (name.equals("*")) {
                selected.addAll(COLUMNS);
            } else if (COLUMNS.contains(name)) {
                selected.add(name);
            } else {
                return invalidIdentifier(column.strip());
            }
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        int bound = 0;
        if (matcher.group(3) != null) {
            for (String condition : matcher.group(3).split("(?i)\\s+AND\\s+")) {
                Matcher equals = CONDITION.matcher(condition);
                if (!equals.matches()) {
                    return unsupported(query.sql());
                }
                String column = equals.group(1).toUpperCase(Locale.ROOT);
                if (!COLUMNS.contains(column)) {
                    return invalidIdentifier(equals.group(1));
                }
                wanted.put(
                        column,
                        equals.group(2).equals("?")
                                ? String.valueOf(query.bindings().get(bound++))
                                : equals.group(3).replace("''", "'"));
            }
        }
        Reply.Result result = Reply.columns(selected.stream().map(Column::text).toArray(Column[]::new));
        for (Map.Entry<Package, List<String>> listed : versions.entrySet()) {
            for (String version : listed.getValue()) {
                Map<String, String> row = Map.of(
                        "PACKAGE_NAME",
                        listed.getKey().name(),
                        "VERSION",
                        version,
                        "LANGUAGE",
                        listed.getKey().language());
                if (wanted.entrySet().stream()
                        .allMatch(condition -> row.get(condition.getKey()).equals(condition.getValue()))) {
                    result = result.row(selected.stream().map(row::get).toArray());
                }
            }
        }
        return result;
    }

    private static Reply unsupported(String sql) {
        return Reply.error(
                SQL_COMPILATION_ERROR,
                "42000",
                "SQL compilation error:\nthe fake reads "
                        + "INFORMATION_SCHEMA.PACKAGES only as SELECT <columns> FROM <database>.INFORMATION_SCHEMA.PACKAGES "
                        + "[WHERE <column> = <value> [AND ...]], not: " + sql);
    }

    private static Reply invalidIdentifier(String name) {
        return Reply.error(
                INVALID_IDENTIFIER,
                "42000",
                "SQL compilation error: error line 1 at position 7\ninvalid " + "identifier '"
                        + name.toUpperCase(Locale.ROOT) + "'");
    }
}
