package io.connectorkit.plugin.streamlit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.descriptor.WizardStandardFields;
import io.connectorkit.plugin.render.AppOwnedSecrets;
import io.connectorkit.runtime.config.ConfigurationField;
import io.connectorkit.runtime.config.FieldType;
import io.connectorkit.runtime.config.SecretReference;
import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.resources.IngestionConfigurations;
import io.connectorkit.runtime.resources.IngestionStrategy;
import io.connectorkit.runtime.resources.ScheduleType;
import io.connectorkit.runtime.spi.ConnectorDescription;
import io.connectorkit.runtime.spi.Prerequisite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Streamlit app the kit generates into the Snowflake bundle's {@code streamlit/} folder: the static Python files
 * shipped in connector-templates (under {@code io/connectorkit/templates/streamlit/}, listed in its {@code FILES}
 * index, not rendered, so their tests run on the very files shipped) and {@value #MODEL_FILE}, the connector as the
 * pages need it, from the descriptor. The setup script creates it as {@value #OBJECT} (see the template
 * snowflake/streamlit.sql.ftl).
 */
public final class StreamlitApp {

    /** The bundle folder the files go to, which the setup script's CREATE STREAMLIT reads. */
    public static final String FOLDER = "streamlit";
    /** The versioned schema of the Streamlit object: it holds only stateless objects, replaced by every version. */
    public static final String SCHEMA = "UI";
    /** The Streamlit object, which the manifest's {@code default_streamlit} names unless the descriptor names another. */
    public static final String OBJECT = SCHEMA + ".CONNECTOR";
    /** The entry point, in the folder's root as the warehouse runtime requires. */
    public static final String MAIN_FILE = "streamlit_app.py";
    /** The generated description of the connector the pages read. */
    public static final String MODEL_FILE = "connector_model.json";

    static final String RESOURCES = "/io/connectorkit/templates/streamlit/";
    static final String INDEX = "FILES";

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamlitApp() {
    }

    /** Every file of the app by its path inside {@link #FOLDER}: the shipped ones, then the model. */
    public static Map<String, byte[]> files(Descriptor descriptor) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String path : shippedPaths()) {
            files.put(path, resource(path));
        }
        files.put(MODEL_FILE, model(descriptor).getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** The paths the templates jar ships, from its index. */
    static List<String> shippedPaths() {
        String index = new String(resource(INDEX), StandardCharsets.UTF_8);
        return index.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /** {@value #MODEL_FILE}: the app, its prerequisites, typed fields, references, privileges and procedures. */
    public static String model(Descriptor descriptor) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("app", ordered("name", descriptor.app().name(), "label", descriptor.app().label(),
                "version", descriptor.app().version()));
        model.put("manifestVersion", descriptor.manifest().version());
        model.put("prerequisites", descriptor.prerequisites().stream().map(StreamlitApp::prerequisite).toList());
        model.put("standardFields", WizardStandardFields.fields().stream().map(StreamlitApp::standardField)
                .toList());
        model.put("connectorFields", descriptor.connectorFields().stream().map(StreamlitApp::field).toList());
        model.put("connectionFields", descriptor.connectionFields().stream().map(StreamlitApp::field).toList());
        model.put("references", descriptor.manifest().references().stream().map(reference -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", reference.name());
            item.put("label", reference.label());
            item.put("description", reference.description());
            item.put("objectType", reference.objectType());
            item.put("multiValued", reference.multiValued());
            return item;
        }).toList());
        model.put("privileges", descriptor.manifest().privileges().stream()
                .map(privilege -> ordered("name", privilege.name(), "description", privilege.description()))
                .toList());
        List<Map<String, Object>> procedures = new ArrayList<>(Arrays.stream(PublicProcedure.values())
                .map(StreamlitApp::procedure).toList());
        if (AppOwnedSecrets.offered(descriptor)) {
            // The setup script's own procedure that keeps a typed secret (the connection step's password input).
            procedures.add(ordered("name", AppOwnedSecrets.PROCEDURE, "arguments", List.of(
                    ordered("name", "FIELD", "type", "STRING"), ordered("name", "VALUE", "type", "STRING")),
                    "access", PublicProcedure.Access.ADMIN.name()));
        }
        model.put("procedures", procedures);
        model.put("resource", ordered(
                "ingestionStrategies", IngestionConfigurations.names(IngestionStrategy.values()),
                "scheduleTypes", IngestionConfigurations.names(ScheduleType.values())));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(model) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The Streamlit app's model cannot be written as JSON", e);
        }
    }

    private static Map<String, Object> prerequisite(Prerequisite prerequisite) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", prerequisite.id());
        item.put("title", prerequisite.title());
        item.put("description", prerequisite.description());
        item.put("learnMoreUrl", prerequisite.learnMoreUrl());
        item.put("documentationUrl", prerequisite.documentationUrl());
        item.put("guideUrl", prerequisite.guideUrl());
        return item;
    }

    private static Map<String, Object> field(ConnectorDescription.Field field) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", field.name());
        item.put("type", field.type().label());
        item.put("required", field.required());
        item.put("default", field.defaultJson() == null ? null : parse(field.defaultJson()));
        item.put("description", field.description());
        if (field.type() == FieldType.SECRET) {
            item.put("reference", SecretReference.nameOf(field.name()));
        }
        if (field.type() == FieldType.CHOICE) {
            item.put("choices", field.choices());
        }
        return item;
    }

    /** global_schedule is an object; the wizard asks for its cron expression only. */
    private static Map<String, Object> standardField(ConfigurationField field) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", field.name());
        item.put("type", field.name().equals("global_schedule") ? FieldType.CRON.label() : field.type().label());
        item.put("required", field.isRequired());
        item.put("default", null);
        item.put("description", field.name().equals("global_schedule")
                ? "Cron expression of the ingestion scheduler, such as */30 * * * *" : field.description());
        return item;
    }

    private static Map<String, Object> procedure(PublicProcedure procedure) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", procedure.name());
        List<Map<String, Object>> arguments = new ArrayList<>();
        procedure.arguments().forEach(argument -> arguments.add(ordered("name", argument.name(),
                "type", argument.type().name())));
        item.put("arguments", arguments);
        item.put("access", procedure.access().name());
        return item;
    }

    /** A map in the order given: the model is a reviewed golden file, so its keys keep one order. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A field default is not JSON: " + json, e);
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = StreamlitApp.class.getResourceAsStream(RESOURCES + path)) {
            if (in == null) {
                throw new IllegalStateException("connector-templates lacks " + RESOURCES + path + "; rebuild the kit");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCES + path, e);
        }
    }
}
