package io.connectorkit.runtime.procedures;

import io.connectorkit.runtime.config.Configuration;
import io.connectorkit.runtime.sql.Identifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The table an ingestion configuration writes to (see {@link io.connectorkit.runtime.spi.Sink}): its
 * {@code destination.table}, possibly qualified, else a table named after the resource; the schema, and in Snowflake
 * the database, default to {@code connector_configuration}'s {@code destination_schema} and
 * {@code destination_database}. Every part is an {@link Identifier}. Public for the tools that show a resource's
 * destination table ({@code connector:query}).
 *
 * @param database the database, on a target that has databases
 * @param schema the schema
 * @param table the table
 */
public record Destination(Optional<Identifier> database, Identifier schema, Identifier table) {

    /**
     * The table as SQL.
     *
     * @return quoted, qualified names: {@code "DB"."SCHEMA"."TABLE"}, or {@code "SCHEMA"."TABLE"} without a database
     */
    public String sql() {
        return database.map(name -> name.sql() + ".").orElse("") + schema.sql() + "." + table.sql();
    }

    /** The schema as SQL. */
    String schemaSql() {
        return database.map(name -> name.sql() + ".").orElse("") + schema.sql();
    }

    /**
     * @param destination the ingestion configuration's {@code destination} object
     * @param connectorConfiguration the stored {@code connector_configuration}
     * @param resourceName the resource's name, for the default table name
     * @param withDatabases whether the target has databases (Snowflake); the embedded target ignores database names
     * @return the destination table
     * @throws IllegalStateException saying why no destination can be derived
     */
    public static Destination resolve(
            Configuration destination,
            Configuration connectorConfiguration,
            String resourceName,
            boolean withDatabases) {
        Optional<Identifier> database = withDatabases
                ? name(connectorConfiguration, "destination_database", "connector_configuration")
                : Optional.empty();
        Optional<Identifier> schema = name(connectorConfiguration, "destination_schema", "connector_configuration");
        if (destination.has("table")) {
            Optional<Object> value = destination.value("table");
            if (!(value.orElse(null) instanceof String text)) {
                throw new IllegalStateException("destination.table of the ingestion configuration must be a table "
                        + "name (text), not " + value.orElse(null));
            }
            List<Identifier> parts = qualifiedName(text);
            Identifier table = parts.get(parts.size() - 1);
            if (parts.size() == 3) {
                return new Destination(
                        withDatabases ? Optional.of(parts.get(0)) : Optional.empty(), parts.get(1), table);
            }
            if (parts.size() == 2) {
                return new Destination(database, parts.get(0), table);
            }
            return new Destination(
                    database,
                    schema.orElseThrow(() -> new IllegalStateException("destination.table '"
                            + text + "' names no schema and connector_configuration has no destination_schema; write "
                            + "SCHEMA.TABLE or configure destination_schema")),
                    table);
        }
        return new Destination(
                database,
                schema.orElseThrow(() -> new IllegalStateException("Resource '"
                        + resourceName
                        + "' has no destination: give its ingestion configuration a destination.table, or "
                        + "configure destination_schema in connector_configuration")),
                Identifier.ofName(tableName(resourceName)));
    }

    /** The default table name of a resource: upper-cased, other characters than letters, digits and _ become _. */
    static String tableName(String resourceName) {
        String name = resourceName == null
                ? ""
                : resourceName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        if (name.isEmpty()) {
            return "RESOURCE";
        }
        if (Character.isDigit(name.charAt(0))) {
            name = "_" + name;
        }
        return name.length() > Identifier.MAX_LENGTH ? name.substring(0, Identifier.MAX_LENGTH) : name;
    }

    private static Optional<Identifier> name(Configuration configuration, String key, String where) {
        Optional<String> text = configuration.string(key).filter(value -> !value.isBlank());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Identifier.parse(text.get()));
        } catch (Identifier.InvalidIdentifierException e) {
            throw new IllegalStateException(where + "." + key + " is not a valid name: " + e.getMessage());
        }
    }

    /** {@code A.B."c.d"} → A, B, c.d: dots inside double quotes belong to the name. */
    static List<Identifier> qualifiedName(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == '.' && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        if (parts.size() > 3) {
            throw new IllegalStateException("destination.table '" + text + "' has more than three parts; write TABLE, "
                    + "SCHEMA.TABLE or DATABASE.SCHEMA.TABLE");
        }
        List<Identifier> names = new ArrayList<>();
        for (String name : parts) {
            try {
                names.add(Identifier.parse(name.strip()));
            } catch (Identifier.InvalidIdentifierException e) {
                throw new IllegalStateException(
                        "destination.table '" + text + "' is not a valid table name: " + e.getMessage());
            }
        }
        return names;
    }
}
