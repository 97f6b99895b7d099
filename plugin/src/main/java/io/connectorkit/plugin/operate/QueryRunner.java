package io.connectorkit.plugin.operate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.QueryRows;
import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.procedures.Destination;
import io.connectorkit.runtime.sql.Identifier;
import io.connectorkit.runtime.state.StateStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads rows of an installed app for {@code connector:query}: one read-only statement, a public view, or the
 * destination table of a resource, at most {@code limit} rows, one more read to tell whether there are more.
 */
public final class QueryRunner {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to read. */
    public sealed interface Source permits Sql, View, Resource {}

    /** One read-only statement, already checked; the text to run has no trailing {@code ;}. */
    public record Sql(String statement) implements Source {}

    /** A public view of the app. */
    public record View(Identifier name) implements Source {}

    /** The destination table of a resource, by its name (or id). */
    public record Resource(String name) implements Source {}

    private final InstalledApp app;

    public QueryRunner(InstalledApp app) {
        this.app = app;
    }

    /**
     * Checks the goal's input before anything is opened: exactly one of the three, each valid.
     *
     * @param viewer whether the goal runs as application role VIEWER, which reads only the public views
     */
    public static Source source(String sql, String view, String resource, boolean viewer) throws QueryException {
        List<String> given = new ArrayList<>();
        if (sql != null && !sql.isEmpty()) {
            given.add("connector.sql");
        }
        if (view != null && !view.isEmpty()) {
            given.add("connector.view");
        }
        if (resource != null && !resource.isEmpty()) {
            given.add("connector.resource");
        }
        if (given.size() != 1) {
            throw new QueryException(
                    (given.isEmpty() ? "Nothing to show" : "Both " + String.join(" and ", given) + " are given")
                            + "; give exactly one of -Dconnector.sql=\"SELECT …\", -Dconnector.view=SYNC_STATUS"
                            + " (a public view) or -Dconnector.resource=<resource name> (its destination table)");
        }
        if (sql != null && !sql.isEmpty()) {
            return new Sql(ReadOnlySql.check(sql, viewer));
        }
        if (view != null && !view.isEmpty()) {
            String name = view.strip();
            if (name.toUpperCase(Locale.ROOT).startsWith("PUBLIC.")) {
                name = name.substring("PUBLIC.".length());
            }
            try {
                return new View(Identifier.parse(name));
            } catch (Identifier.InvalidIdentifierException e) {
                throw new QueryException(
                        "connector.view '" + view + "' is not a view name: " + e.reason()
                                + "; give a public view such as SYNC_STATUS or CONNECTOR_STATS",
                        e);
            }
        }
        if (viewer) {
            throw new QueryException("connector.resource '" + resource + "' names a destination table, which "
                    + "application role VIEWER cannot read; run as ADMIN (leave connector.role unset) or read a "
                    + "public view with -Dconnector.view");
        }
        return new Resource(resource.strip());
    }

    /** Checks {@code connector.limit}. */
    public static int limit(int limit) throws QueryException {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new QueryException("connector.limit " + limit + " is out of range; give a number of rows from 1 to "
                    + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")");
        }
        return limit;
    }

    public QueryResult run(Source source, int limit) throws AppException, QueryException {
        if (source instanceof Sql sql) {
            return result("the query", app.select(sql.statement(), List.of(), limit + 1), limit, null);
        }
        if (source instanceof View view) {
            String name = app.viewSql(view.name());
            // A bound LIMIT is Snowflake's way for drivers too:
            // https://docs.snowflake.com/en/sql-reference/constructs/limit
            return result(
                    "PUBLIC." + view.name().name(),
                    app.select("SELECT * FROM " + name + " LIMIT ?", List.of(limit + 1), limit + 1),
                    limit,
                    name);
        }
        Resource resource = (Resource) source;
        Destination destination = destination(resource.name());
        String table = destination.sql();
        QueryRows rows;
        try {
            rows = app.select("SELECT * FROM " + table + " LIMIT ?", List.of(limit + 1), limit + 1);
        } catch (AppException e) {
            throw new QueryException(
                    "The destination table " + table + " of resource '" + resource.name()
                            + "' cannot be read (" + e.getMessage()
                            + "). Either it does not exist yet: the resource's first "
                            + "ingestion creates it (run connector:ingest on the embedded target, or wait for its schedule), "
                            + "then query again; or, on Snowflake, the connection's role may not read it: have it granted "
                            + "the app's application role DATA_READER",
                    e);
        }
        return result("Resource '" + resource.name() + "' (" + table + ")", rows, limit, table);
    }

    /**
     * The resource's destination table as the runtime derives it: its ingestion configuration's
     * {@code destination.table}, else a table named after the resource in {@code destination_schema} (and on
     * Snowflake {@code destination_database}) of connector_configuration, read from the app's public views.
     */
    private Destination destination(String resource) throws AppException, QueryException {
        List<Map<String, Object>> definitions = app.view("INGESTION_DEFINITIONS");
        Map<String, Object> definition = definitions.stream()
                .filter(row -> resource.equals(row.get("NAME")) || resource.equals(row.get("ID")))
                .findFirst()
                .orElse(null);
        if (definition == null) {
            List<String> names = definitions.stream()
                    .map(row -> String.valueOf(row.get("NAME")))
                    .toList();
            throw new QueryException("connector.resource '" + resource + "' is not a resource of " + app.describe()
                    + "; give one of "
                    + (names.isEmpty()
                            ? "its resources (it has none yet: run connector:resources)"
                            : String.join(", ", names))
                    + " (the name or id of PUBLIC.INGESTION_DEFINITIONS)");
        }
        String name = String.valueOf(definition.get("NAME"));
        Configuration target = Configuration.empty();
        Object configurations = definition.get("INGESTION_CONFIGURATION");
        if (configurations != null) {
            JsonNode tree;
            try {
                tree = JSON.readTree(configurations.toString());
            } catch (IOException e) {
                throw new AppException(
                        "PUBLIC.INGESTION_DEFINITIONS holds a value that is not JSON for resource '" + name + "': "
                                + e.getMessage(),
                        e);
            }
            for (JsonNode configuration : tree.isArray() ? tree : List.of(tree)) {
                JsonNode value = configuration.path("destination");
                if (value.isObject()) {
                    target = Configuration.of(JSON.convertValue(value, Map.class));
                    break;
                }
            }
        }
        Map<String, Object> connectorConfiguration = new LinkedHashMap<>();
        for (Map<String, Object> row : app.view("CONNECTOR_CONFIGURATION")) {
            if (StateStore.CONNECTOR_CONFIGURATION.equals(row.get("CONFIG_GROUP")) && row.get("VALUE") != null) {
                connectorConfiguration.put(
                        Objects.toString(row.get("CONFIG_KEY")),
                        row.get("VALUE").toString());
            }
        }
        try {
            return Destination.resolve(target, Configuration.of(connectorConfiguration), name, app.hasDatabases());
        } catch (IllegalStateException e) {
            throw new QueryException(
                    "The destination table of resource '" + name + "' cannot be told: " + e.getMessage(), e);
        }
    }

    /**
     * @param table the view or table read, counted when rows were left out; {@code null} for a query, whose rows
     *     past the one read past the limit are not counted
     */
    private QueryResult result(String what, QueryRows rows, int limit, String table) throws AppException {
        if (rows.rows().size() <= limit) {
            return new QueryResult(what, rows.columns(), rows.rows(), 0);
        }
        long hidden = -1;
        if (table != null) {
            Object count = app.select("SELECT COUNT(*) FROM " + table, List.of(), 1)
                    .rows()
                    .get(0)
                    .get(0);
            hidden = Math.max(1, Long.parseLong(String.valueOf(count)) - limit);
        }
        return new QueryResult(what, rows.columns(), rows.rows().subList(0, limit), hidden);
    }
}
