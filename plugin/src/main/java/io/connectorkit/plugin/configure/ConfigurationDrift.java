package io.connectorkit.plugin.configure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.runtime.sql.Identifier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Collections;

/**
 * Where the configuration file and the app disagree, field by field: the connector and connection fields the file
 * gives whose values differ from those the app's {@code PUBLIC.CONNECTOR_CONFIGURATION} view shows (a warehouse
 * moved by {@code update-warehouse}, a field edited in the file since {@code configure}). Secret fields cannot be
 * compared: the app never shows them. Fields the file leaves out are not drift; the app keeps its values.
 *
 * @param connector field → the two values, for {@code connector_configuration}
 * @param connection field → the two values, for {@code connection_configuration}, secrets left out
 */
public record ConfigurationDrift(Map<String, Difference> connector, Map<String, Difference> connection) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One field's two values, as text. */
    public record Difference(String inFile, String inApp) {
    }

    public ConfigurationDrift {
        // In the file's order, which is how people read the lines.
        connector = Collections.unmodifiableMap(new LinkedHashMap<>(connector));
        connection = Collections.unmodifiableMap(new LinkedHashMap<>(connection));
    }

    /** Compares the file with what the app shows now. */
    public static ConfigurationDrift between(InstalledApp app, WizardConfiguration file) throws AppException {
        Map<String, Map<String, String>> shown = new LinkedHashMap<>();
        for (Map<String, Object> row : app.view("CONNECTOR_CONFIGURATION")) {
            Object value = row.get("VALUE");
            shown.computeIfAbsent(String.valueOf(row.get("CONFIG_GROUP")), group -> new LinkedHashMap<>())
                    .put(String.valueOf(row.get("CONFIG_KEY")), value == null ? null : value.toString());
        }
        return new ConfigurationDrift(differences(file.connector(), shown.getOrDefault("connector_configuration",
                Map.of())), differences(file.connection(), shown.getOrDefault("connection_configuration", Map.of())));
    }

    private static Map<String, Difference> differences(ObjectNode inFile, Map<String, String> inApp) {
        Map<String, Difference> differences = new LinkedHashMap<>();
        inFile.properties().forEach(entry -> {
            String fileText = text(entry.getValue());
            String appText = inApp.get(entry.getKey());
            if (!same(entry.getKey(), fileText, appText)) {
                differences.put(entry.getKey(), new Difference(fileText, appText));
            }
        });
        return differences;
    }

    /** Names compare by Snowflake's rules ({@code xs} is {@code XS}); JSON values by their content. */
    private static boolean same(String field, String inFile, String inApp) {
        if (Objects.equals(inFile, inApp)) {
            return true;
        }
        if (inFile == null || inApp == null) {
            return false;
        }
        if ((field.equals("warehouse") || field.startsWith("destination_")) && Identifier.isValid(inFile)
                && Identifier.isValid(inApp)) {
            return Identifier.parse(inFile).equals(Identifier.parse(inApp));
        }
        JsonNode fileJson = json(inFile);
        return fileJson != null && fileJson.equals(json(inApp));
    }

    /** The view shows strings bare and everything else as JSON text; the file's values are shown the same way. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    public boolean isEmpty() {
        return connector.isEmpty() && connection.isEmpty();
    }

    /**
     * One line per field that differs, each with how to reconcile, as the goals print them.
     *
     * @param file the configuration file as messages name it
     */
    public List<String> lines(String file) {
        List<String> lines = new ArrayList<>();
        connector.forEach((field, difference) -> lines.add("connector." + field + ": " + file + " says "
                + shown(difference.inFile()) + ", the app has " + shown(difference.inApp()) + "; "
                + (field.equals("warehouse") ? "mvn connector:configure moves the app to the file's warehouse"
                        : "mvn connector:configure applies the file's value") + ", or write "
                + shown(difference.inApp()) + " into the file to keep the app's"));
        connection.forEach((field, difference) -> lines.add("connection." + field + ": " + file + " says "
                + shown(difference.inFile()) + ", the app has " + shown(difference.inApp()) + "; mvn "
                + "connector:update-connection applies the file's connection (pause first), or write "
                + shown(difference.inApp()) + " into the file to keep the app's"));
        return lines;
    }

    private static String shown(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
