package io.connectorkit.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.json.InvalidJsonException;
import io.connectorkit.runtime.sql.Dialect;
import io.connectorkit.runtime.sql.Sql;
import io.connectorkit.runtime.sql.SqlRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads and writes the resource tables, {@code STATE.RESOURCE_INGESTION_DEFINITION} (spec §2.4) and
 * {@code STATE.INGESTION_PROCESS} (spec §2.5), with the same statements on both targets. VARIANT values cross as JSON
 * text.
 */
public final class ResourceStore {

    public static final String DEFINITIONS = "STATE.RESOURCE_INGESTION_DEFINITION";
    public static final String PROCESSES = "STATE.INGESTION_PROCESS";
    /** The only process type the resource procedures write, as the SDK's handlers do. */
    public static final String DEFAULT_TYPE = "DEFAULT";

    public static final String SCHEDULED = "SCHEDULED";
    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String FINISHED = "FINISHED";

    private final Sql sql;
    private final Dialect dialect;

    public ResourceStore(Sql sql, Dialect dialect) {
        this.sql = sql;
        this.dialect = dialect;
    }

    /** A definition row; the VARIANT columns as JSON text, {@code null} when NULL. */
    public record Definition(
            String id,
            String name,
            boolean enabled,
            String parentId,
            String resourceId,
            String resourceMetadata,
            String ingestionConfiguration) {}

    /** A process that is not finished: {@code SCHEDULED} or {@code IN_PROGRESS}. */
    public record ActiveProcess(String id, String ingestionConfigurationId, String status) {}

    /** The resource tables hold something the procedures cannot work with; the message says what. */
    public static final class InconsistentState extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InconsistentState(String message) {
            super(message);
        }
    }

    public Optional<Definition> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        List<SqlRow> rows = sql.query(
                "SELECT ID, NAME, ENABLED, PARENT_ID, " + dialect.jsonText("RESOURCE_ID") + ", "
                        + dialect.jsonText("RESOURCE_METADATA") + ", " + dialect.jsonText("INGESTION_CONFIGURATION")
                        + " FROM " + DEFINITIONS + " WHERE ID = ?",
                id);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        SqlRow row = rows.get(0);
        return Optional.of(new Definition(
                row.getString(0),
                row.getString(1),
                Boolean.TRUE.equals(row.getBoolean(2)),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6)));
    }

    public boolean exists(String id) {
        return id != null
                && !sql.query("SELECT ID FROM " + DEFINITIONS + " WHERE ID = ?", id)
                        .isEmpty();
    }

    /**
     * The id of the definition whose {@code RESOURCE_ID} equals the value as JSON: objects regardless of key order,
     * numbers by value ({@code 1} = {@code 1.0}).
     */
    public Optional<String> idOfResourceId(JsonNode resourceId) {
        for (SqlRow row : sql.query("SELECT ID, " + dialect.jsonText("RESOURCE_ID") + " FROM " + DEFINITIONS
                + " WHERE RESOURCE_ID IS NOT NULL")) {
            JsonNode stored;
            try {
                stored = JsonTree.parse(row.getString(1));
            } catch (InvalidJsonException e) {
                continue;
            }
            if (stored.equals(JsonTree.VALUE_EQUALITY, resourceId)) {
                return Optional.of(row.getString(0));
            }
        }
        return Optional.empty();
    }

    public void insert(Definition definition) {
        List<Object> parameters = new ArrayList<>(List.of(definition.id(), definition.name(), definition.enabled()));
        String values = "?, ?, ?, " + value(definition.parentId(), "?", parameters) + ", "
                + value(definition.resourceId(), dialect.jsonParameter(), parameters) + ", "
                + value(definition.resourceMetadata(), dialect.jsonParameter(), parameters) + ", "
                + value(definition.ingestionConfiguration(), dialect.jsonParameter(), parameters);
        sql.update(
                "INSERT INTO " + DEFINITIONS + " (ID, NAME, ENABLED, PARENT_ID, RESOURCE_ID, RESOURCE_METADATA,"
                        + " INGESTION_CONFIGURATION, UPDATED_AT) SELECT " + values + ", " + dialect.currentTimestamp(),
                parameters.toArray());
    }

    public void updateEnabled(String id, boolean enabled) {
        sql.update(
                "UPDATE " + DEFINITIONS + " SET ENABLED = ?, UPDATED_AT = " + dialect.currentTimestamp()
                        + " WHERE ID = ?",
                enabled,
                id);
    }

    public void updateIngestionConfiguration(String id, String ingestionConfigurationJson) {
        sql.update(
                "UPDATE " + DEFINITIONS + " SET INGESTION_CONFIGURATION = " + dialect.jsonParameter()
                        + ", UPDATED_AT = " + dialect.currentTimestamp() + " WHERE ID = ?",
                ingestionConfigurationJson,
                id);
    }

    /** The definition's processes that are {@code SCHEDULED} or {@code IN_PROGRESS}, oldest first. */
    public List<ActiveProcess> activeProcesses(String definitionId) {
        List<ActiveProcess> processes = new ArrayList<>();
        for (SqlRow row : sql.query(
                "SELECT ID, INGESTION_CONFIGURATION_ID, STATUS FROM " + PROCESSES
                        + " WHERE RESOURCE_INGESTION_DEFINITION_ID = ? AND STATUS IN (?, ?) ORDER BY CREATED_AT, ID",
                definitionId,
                SCHEDULED,
                IN_PROGRESS)) {
            processes.add(new ActiveProcess(row.getString(0), row.getString(1), row.getString(2)));
        }
        return processes;
    }

    /**
     * Ends processes: {@code FINISHED}, with {@code FINISHED_AT}. As in the SDK, ending matches only a process that
     * is not {@code FINISHED} and has no {@code FINISHED_AT}; a process that does not match is an inconsistency.
     */
    public void finish(List<String> processIds) {
        if (processIds.isEmpty()) {
            return;
        }
        List<Object> parameters = new ArrayList<>(List.of(FINISHED));
        parameters.addAll(processIds);
        parameters.add(FINISHED);
        int ended = sql.update(
                "UPDATE " + PROCESSES + " SET STATUS = ?, UPDATED_AT = " + dialect.currentTimestamp()
                        + ", FINISHED_AT = " + dialect.currentTimestamp() + " WHERE ID IN ("
                        + String.join(", ", Collections.nCopies(processIds.size(), "?"))
                        + ") AND STATUS <> ? AND FINISHED_AT IS NULL",
                parameters.toArray());
        if (ended != processIds.size()) {
            throw new InconsistentState("Only " + ended + " of the " + processIds.size() + " ingestion processes to "
                    + "end (" + String.join(", ", processIds) + ") could be ended: a process that is not FINISHED "
                    + "but has a FINISHED_AT cannot be ended; correct its row in " + PROCESSES);
        }
    }

    /**
     * The metadata of the most recently finished {@code DEFAULT} process of each of the definition's configurations
     * (spec §2.5): configuration id → JSON text, or {@code null} when that process had none. Configurations without
     * a finished process are absent.
     */
    public Map<String, String> lastFinishedMetadata(String definitionId) {
        Map<String, String> metadata = new HashMap<>();
        for (SqlRow row : sql.query(
                "SELECT INGESTION_CONFIGURATION_ID, " + dialect.jsonText("METADATA") + " FROM "
                        + PROCESSES + " WHERE RESOURCE_INGESTION_DEFINITION_ID = ? AND TYPE = ? AND STATUS = ?"
                        + " ORDER BY FINISHED_AT DESC, UPDATED_AT DESC, CREATED_AT DESC",
                definitionId,
                DEFAULT_TYPE,
                FINISHED)) {
            if (!metadata.containsKey(row.getString(0))) {
                metadata.put(row.getString(0), row.getString(1));
            }
        }
        return metadata;
    }

    /** A bound value, or the literal NULL: no NULL is ever bound, which Snowpark's binding need not accept. */
    private static String value(Object value, String placeholder, List<Object> parameters) {
        if (value == null) {
            return "NULL";
        }
        parameters.add(value);
        return placeholder;
    }

    /** A new {@code SCHEDULED} {@code DEFAULT} process; answers its id. */
    public String createProcess(String definitionId, String ingestionConfigurationId, String metadataJson) {
        String id = UUID.randomUUID().toString();
        List<Object> parameters =
                new ArrayList<>(List.of(id, definitionId, ingestionConfigurationId, DEFAULT_TYPE, SCHEDULED));
        String metadata = value(metadataJson, dialect.jsonParameter(), parameters);
        sql.update(
                "INSERT INTO " + PROCESSES + " (ID, RESOURCE_INGESTION_DEFINITION_ID, INGESTION_CONFIGURATION_ID,"
                        + " TYPE, STATUS, CREATED_AT, UPDATED_AT, METADATA) SELECT ?, ?, ?, ?, ?, "
                        + dialect.currentTimestamp()
                        + ", " + dialect.currentTimestamp() + ", " + metadata,
                parameters.toArray());
        return id;
    }
}
