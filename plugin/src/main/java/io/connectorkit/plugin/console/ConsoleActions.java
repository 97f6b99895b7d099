package io.connectorkit.plugin.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.AppState;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.ProcedureResponse;
import io.connectorkit.plugin.app.RefusedException;
import io.connectorkit.plugin.configure.Json;
import io.connectorkit.plugin.configure.WizardConfiguration;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.operate.Ingestions;
import io.connectorkit.plugin.operate.Operations;
import io.connectorkit.runtime.config.FieldType;
import io.connectorkit.runtime.config.SecretReference;
import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.resources.IngestionConfiguration;
import io.connectorkit.runtime.resources.IngestionConfigurations;
import io.connectorkit.runtime.resources.IngestionStrategy;
import io.connectorkit.runtime.resources.ScheduleType;
import io.connectorkit.runtime.spi.ConnectorDescription;
import io.connectorkit.runtime.sql.Identifier;
import io.connectorkit.runtime.status.ConnectorStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the console's forms do: each calls the app's procedures as the console's role and answers the messages to
 * show (each procedure's response) and the page to show them on. A form whose input is wrong is refused before
 * anything is called, naming the field, the value (never a secret's) and what to enter; a refused form's non-secret
 * inputs are kept for the page to show again.
 */
final class ConsoleActions {

    static final List<String> STRATEGIES = IngestionConfigurations.names(IngestionStrategy.values());
    static final List<String> SCHEDULE_TYPES = IngestionConfigurations.names(ScheduleType.values());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTHING_CHANGED = " Nothing was changed.";

    /** What a form led to. */
    record Outcome(String redirect, List<Html.Message> messages, Map<String, String> draft) {
        static Outcome refused(String redirect, String message, Map<String, String> draft) {
            return new Outcome(redirect, List.of(new Html.Message(false, message)), draft);
        }
    }

    /** A form's handler; {@code page} is where its refusals are shown when the app cannot even be opened. */
    record Action(String page, Handler handler) {
        Outcome run(InstalledApp app, FormData form) throws AppException {
            return handler.run(app, form);
        }
    }

    @FunctionalInterface
    interface Handler {
        Outcome run(InstalledApp app, FormData form) throws AppException;
    }

    private final Descriptor descriptor;
    private final Map<String, Action> actions;

    ConsoleActions(Descriptor descriptor, Consumer<String> log) {
        this.descriptor = descriptor;
        this.actions = Map.ofEntries(
                Map.entry("/wizard/prerequisites", new Action("/wizard?step=prerequisites", this::prerequisites)),
                Map.entry("/wizard/connector", new Action("/wizard?step=connector", this::connector)),
                Map.entry("/wizard/connection", new Action("/wizard?step=connection", this::connection)),
                Map.entry("/wizard/finalize", new Action("/wizard?step=finalize", this::finalizeWizard)),
                Map.entry("/pause", new Action("/daily", (app, form) -> operation(app, Operations::pause))),
                Map.entry("/resume", new Action("/daily", (app, form) -> operation(app, Operations::resume))),
                Map.entry("/warehouse", new Action("/daily", this::updateWarehouse)),
                Map.entry("/connection", new Action("/daily", this::updateConnection)),
                Map.entry("/resources/add", new Action("/daily", this::addResource)),
                Map.entry("/resources/enable", new Action("/daily", (app, form) -> toggle(app, form, true))),
                Map.entry("/resources/disable", new Action("/daily", (app, form) -> toggle(app, form, false))),
                Map.entry("/resources/schedule", new Action("/daily", this::schedule)),
                Map.entry("/resources/run", new Action("/daily", this::runNow)));
    }

    Optional<Action> action(String path) {
        return Optional.ofNullable(actions.get(path));
    }

    // ---------------------------------------------------------------- wizard

    private Outcome prerequisites(InstalledApp app, FormData form) throws AppException {
        String page = "/wizard?step=prerequisites";
        List<Html.Message> messages = new ArrayList<>();
        String choice = form.text("action");
        if (choice.equals("all")) {
            ProcedureResponse response = app.call(PublicProcedure.MARK_ALL_PREREQUISITES_AS_DONE);
            messages.add(message(response));
            return new Outcome(page, messages, Map.of());
        }
        List<String> checked = form.all("done");
        // Only the app's own prerequisites are updated; an id the form made up is not sent.
        for (Map<String, Object> row : app.view("PREREQUISITES")) {
            String id = String.valueOf(row.get("ID"));
            boolean done = checked.contains(id);
            if (done != ConsolePages.bool(row.get("IS_COMPLETED"))) {
                ProcedureResponse response = app.call(PublicProcedure.UPDATE_PREREQUISITE, id, done);
                messages.add(message(response));
                if (!response.isOk()) {
                    return new Outcome(page, messages, Map.of());
                }
            }
        }
        if (!choice.equals("next")) {
            if (messages.isEmpty()) {
                messages.add(new Html.Message(true, "The prerequisites are as they were: nothing to save"));
            }
            return new Outcome(page, messages, Map.of());
        }
        ProcedureResponse response = app.call(PublicProcedure.COMPLETE_PREREQUISITES_STEP);
        messages.add(message(response));
        return new Outcome(response.isOk() ? "/wizard" : page, messages, Map.of());
    }

    private Outcome connector(InstalledApp app, FormData form) throws AppException {
        String page = "/wizard?step=connector";
        List<ConnectorDescription.Field> fields = ConsolePages.connectorFields(descriptor);
        FieldForms.Parsed parsed = FieldForms.parse(fields, form, "connector configuration");
        Map<String, String> draft = FieldForms.draft(fields, form);
        if (!parsed.problems().isEmpty()) {
            return Outcome.refused(page, String.join("\n", parsed.problems()) + NOTHING_CHANGED, draft);
        }
        ProcedureResponse response = app.call(PublicProcedure.CONFIGURE_CONNECTOR, Json.write(parsed.values()));
        return response.isOk() ? new Outcome("/wizard", List.of(message(response)), Map.of())
                : new Outcome(page, List.of(message(response)), draft);
    }

    private Outcome connection(InstalledApp app, FormData form) throws AppException {
        String page = "/wizard?step=connection";
        List<ConnectorDescription.Field> fields = descriptor.connectionFields();
        FieldForms.Parsed parsed = FieldForms.parse(fields, form, "connection configuration");
        Map<String, String> draft = FieldForms.draft(fields, form);
        List<String> problems = new ArrayList<>(parsed.problems());
        for (ConnectorDescription.Field field : fields) {
            if (field.type() == FieldType.SECRET && field.required() && !parsed.secrets().containsKey(field.name())) {
                problems.add("connection configuration: " + field.name() + " is required; enter the secret");
            }
        }
        if (!problems.isEmpty()) {
            return Outcome.refused(page, String.join("\n", problems) + NOTHING_CHANGED, draft);
        }
        ObjectNode connection = parsed.values().deepCopy();
        List<InstalledApp.SecretDraft> secrets = new ArrayList<>();
        try {
            for (Map.Entry<String, String> secret : parsed.secrets().entrySet()) {
                secrets.add(app.bindSecretDraft(secret.getKey(), secret.getValue()));
                connection.put(secret.getKey(), SecretReference.nameOf(secret.getKey()));
            }
            // The app tests the connection before it keeps it (TEST_CONNECTION); its answer says how that went.
            ProcedureResponse response = app.call(PublicProcedure.SET_CONNECTION_CONFIGURATION,
                    Json.write(connection));
            if (response.isOk()) {
                for (InstalledApp.SecretDraft secret : secrets) {
                    secret.keep();
                }
                secrets.clear();
                return new Outcome("/wizard", List.of(message(response)), Map.of());
            }
            return new Outcome(page, List.of(message(response)), draft);
        } finally {
            // A refused connection keeps no secret typed for it.
            for (InstalledApp.SecretDraft secret : secrets) {
                secret.undo();
            }
        }
    }

    private Outcome finalizeWizard(InstalledApp app, FormData form) throws AppException {
        String page = "/wizard?step=finalize";
        String text = form.text("finalize");
        Map<String, String> draft = Map.of("finalize", form.first("finalize").orElse(""));
        Optional<JsonNode> custom = object(text.isEmpty() ? "{}" : text);
        if (custom.isEmpty()) {
            return Outcome.refused(page, "finalize configuration '" + text + "' is not a JSON object; enter one such "
                    + "as {} or {\"key\": \"value\"}." + NOTHING_CHANGED, draft);
        }
        ProcedureResponse response = app.call(PublicProcedure.FINALIZE_CONNECTOR_CONFIGURATION,
                Json.write(custom.get()));
        return response.isOk() ? new Outcome("/daily", List.of(message(response)), Map.of())
                : new Outcome(page, List.of(message(response)), draft);
    }

    // ---------------------------------------------------------------- daily use

    @FunctionalInterface
    private interface OperationCall {
        void run(Operations operations) throws AppException, RefusedException;
    }

    private static Outcome operation(InstalledApp app, OperationCall call) throws AppException {
        List<Html.Message> messages = new ArrayList<>();
        Operations operations = new Operations(app, line -> messages.add(new Html.Message(true, line)));
        try {
            call.run(operations);
        } catch (RefusedException e) {
            messages.add(new Html.Message(false, e.getMessage()));
        }
        return new Outcome("/daily", messages, Map.of());
    }

    /**
     * The updates need a paused connector: with {@code pause} ticked, a started connector is paused for the update
     * and resumed after it, whether the update was refused or not.
     */
    private static Outcome withPause(InstalledApp app, FormData form, OperationCall update, Map<String, String> draft)
            throws AppException {
        List<Html.Message> messages = new ArrayList<>();
        Operations operations = new Operations(app, line -> messages.add(new Html.Message(true, line)));
        boolean refused = false;
        try {
            boolean pauseFirst = form.all("pause").contains("true")
                    && AppState.of(app).status() == ConnectorStatus.STARTED;
            if (pauseFirst) {
                operations.pause();
            }
            try {
                update.run(operations);
            } catch (RefusedException e) {
                refused = true;
                messages.add(new Html.Message(false, e.getMessage()));
            } finally {
                if (pauseFirst) {
                    operations.resume();
                }
            }
        } catch (RefusedException e) {
            refused = true;
            messages.add(new Html.Message(false, e.getMessage()));
        }
        return new Outcome("/daily", messages, refused ? draft : Map.of());
    }

    private Outcome updateWarehouse(InstalledApp app, FormData form) throws AppException {
        String warehouse = form.text("warehouse");
        Map<String, String> draft = Map.of("warehouse", warehouse);
        if (warehouse.isEmpty()) {
            return Outcome.refused("/daily", "Enter the name of the new warehouse, such as MY_WAREHOUSE."
                    + NOTHING_CHANGED, draft);
        }
        try {
            Identifier.parse(warehouse);
        } catch (Identifier.InvalidIdentifierException e) {
            return Outcome.refused("/daily", "warehouse '" + warehouse + "' is not a warehouse name: " + e.reason()
                    + "; enter it as MY_WAREHOUSE, or \"My Warehouse\" for a quoted name." + NOTHING_CHANGED, draft);
        }
        return withPause(app, form, operations -> operations.updateWarehouse(warehouse), draft);
    }

    private Outcome updateConnection(InstalledApp app, FormData form) throws AppException {
        List<ConnectorDescription.Field> fields = descriptor.connectionFields();
        FieldForms.Parsed parsed = FieldForms.parse(fields, form, "connection configuration");
        Map<String, String> draft = FieldForms.draft(fields, form);
        if (!parsed.problems().isEmpty()) {
            return Outcome.refused("/daily", String.join("\n", parsed.problems()) + NOTHING_CHANGED, draft);
        }
        ObjectNode connection = parsed.values().deepCopy();
        for (ConnectorDescription.Field field : fields) {
            if (field.type() == FieldType.SECRET && !parsed.secrets().containsKey(field.name())) {
                // Left blank: the secret bound now stays, through its reference.
                connection.put(field.name(), SecretReference.nameOf(field.name()));
            }
        }
        WizardConfiguration configuration = new WizardConfiguration(Path.of("the console's form"),
                WizardConfiguration.Prerequisites.none(), JsonNodeFactory.instance.objectNode(), connection,
                parsed.secrets(), JsonNodeFactory.instance.objectNode(), Optional.empty(), List.of());
        return withPause(app, form, operations -> operations.updateConnection(configuration), draft);
    }

    private Outcome addResource(InstalledApp app, FormData form) throws AppException {
        Map<String, String> draft = new LinkedHashMap<>();
        for (String input : List.of("name", "id", "resourceId", "configurationId", "ingestionStrategy",
                "scheduleType", "scheduleDefinition", "destination", "customIngestionConfiguration")) {
            draft.put("resource." + input, form.first(input).orElse(""));
        }
        draft.put("resource.enabled", String.valueOf(form.all("enabled").contains("true")));
        List<String> problems = new ArrayList<>();
        String name = form.text("name");
        if (name.isEmpty()) {
            problems.add("resource name is required; enter a name such as orders");
        }
        Optional<JsonNode> resourceId = object(form.text("resourceId"));
        if (resourceId.isEmpty()) {
            problems.add("resource id '" + form.text("resourceId") + "' is not a JSON object; enter the object that "
                    + "names the resource in the source, such as {\"dataset\": \"orders\"}");
        }
        String strategy = form.text("ingestionStrategy");
        if (!STRATEGIES.contains(strategy)) {
            problems.add("ingestion strategy '" + strategy + "' is not one of " + String.join(", ", STRATEGIES));
        }
        String scheduleType = form.text("scheduleType");
        if (!SCHEDULE_TYPES.contains(scheduleType)) {
            problems.add("schedule type '" + scheduleType + "' is not one of " + String.join(", ", SCHEDULE_TYPES));
        }
        Map<String, String> freeForm = new LinkedHashMap<>();
        for (String optional : List.of(IngestionConfigurations.DESTINATION,
                IngestionConfigurations.CUSTOM_INGESTION_CONFIGURATION)) {
            String text = form.text(optional);
            if (text.isEmpty()) {
                continue;
            }
            Optional<JsonNode> value = object(text);
            if (value.isEmpty()) {
                problems.add(optional + " '" + text + "' is not a JSON object; enter one such as "
                        + "{\"table\": \"ORDERS\"}, or leave it empty");
            } else {
                freeForm.put(optional, Json.write(value.get()));
            }
        }
        if (!problems.isEmpty()) {
            return Outcome.refused("/daily#resources", String.join("\n", problems) + NOTHING_CHANGED, draft);
        }
        String configurationId = form.text("configurationId");
        ScheduleType type = ScheduleType.valueOf(scheduleType);
        IngestionConfiguration configuration = new IngestionConfiguration(
                configurationId.isEmpty() ? "default" : configurationId, IngestionStrategy.valueOf(strategy),
                freeForm.get(IngestionConfigurations.CUSTOM_INGESTION_CONFIGURATION), type,
                type == ScheduleType.GLOBAL ? null : form.text("scheduleDefinition"),
                freeForm.get(IngestionConfigurations.DESTINATION));
        String id = form.text("id");
        boolean enabled = form.all("enabled").contains("true");
        ProcedureResponse response = app.call(PublicProcedure.CREATE_RESOURCE, name, Json.write(resourceId.get()),
                IngestionConfigurations.toJson(List.of(configuration)), id.isEmpty() ? null : id, enabled, null);
        if (!response.isOk()) {
            return new Outcome("/daily#resources", List.of(message(response)), draft);
        }
        return new Outcome("/daily#resources", List.of(new Html.Message(true, response.summary()
                + response.text("id").map(created -> ": resource " + name + " has id " + created
                + (enabled ? ", enabled" : ", disabled")).orElse(""))), Map.of());
    }

    private Outcome toggle(InstalledApp app, FormData form, boolean enable) throws AppException {
        String id = form.text("id");
        if (id.isEmpty()) {
            return Outcome.refused("/daily#resources", "The form names no resource (id); " + NOTHING_CHANGED.strip(),
                    Map.of());
        }
        ProcedureResponse response = app.call(enable ? PublicProcedure.ENABLE_RESOURCE
                : PublicProcedure.DISABLE_RESOURCE, id);
        return new Outcome("/daily#resources", List.of(message(response, " (resource " + id + ")")), Map.of());
    }

    private Outcome schedule(InstalledApp app, FormData form) throws AppException {
        String id = form.text("id");
        String scheduleType = form.text("scheduleType");
        String definition = form.text("scheduleDefinition");
        if (!SCHEDULE_TYPES.contains(scheduleType)) {
            return Outcome.refused("/daily#resources", "schedule type '" + scheduleType + "' is not one of "
                    + String.join(", ", SCHEDULE_TYPES) + "." + NOTHING_CHANGED, Map.of());
        }
        Optional<Map<String, Object>> definitionRow = app.view("INGESTION_DEFINITIONS").stream()
                .filter(row -> id.equals(String.valueOf(row.get("ID")))).findFirst();
        if (definitionRow.isEmpty()) {
            return Outcome.refused("/daily#resources", "The app has no resource with id '" + id + "'; reload the page."
                    + NOTHING_CHANGED, Map.of());
        }
        List<IngestionConfiguration> configurations = ConsolePages.configurations(definitionRow.get())
                .configurations();
        if (configurations.isEmpty()) {
            return Outcome.refused("/daily#resources", "Resource " + id + " has no ingestion configuration to "
                    + "schedule." + NOTHING_CHANGED, Map.of());
        }
        ScheduleType type = ScheduleType.valueOf(scheduleType);
        List<IngestionConfiguration> changed = configurations.stream().map(configuration ->
                new IngestionConfiguration(configuration.id(), configuration.ingestionStrategy(),
                        configuration.customIngestionConfiguration(), type,
                        type == ScheduleType.GLOBAL ? null : definition, configuration.destination())).toList();
        ProcedureResponse response = app.call(PublicProcedure.UPDATE_RESOURCE, id,
                IngestionConfigurations.toJson(changed));
        return new Outcome("/daily#resources", List.of(message(response, " (resource " + id + ")")), Map.of());
    }

    private Outcome runNow(InstalledApp app, FormData form) throws AppException {
        String id = form.text("id");
        List<Html.Message> messages = new ArrayList<>();
        try {
            Ingestions.Iteration iteration = new Ingestions(app, line -> messages.add(new Html.Message(true,
                    line.strip())), line -> messages.add(new Html.Message(false, line.strip())))
                    .runNow(id.isEmpty() ? null : id);
            if (iteration.runs().isEmpty()) {
                messages.add(new Html.Message(true, "Nothing ran: " + (id.isEmpty() ? "no resource is enabled"
                        : "resource " + id + " is disabled or unknown")));
            }
        } catch (RefusedException e) {
            messages.add(new Html.Message(false, e.getMessage()));
        }
        return new Outcome("/daily#runs", messages, Map.of());
    }

    // ---------------------------------------------------------------- helpers

    private static Html.Message message(ProcedureResponse response) {
        return message(response, "");
    }

    private static Html.Message message(ProcedureResponse response, String about) {
        return new Html.Message(response.isOk(), response.summary() + about);
    }

    private static Optional<JsonNode> object(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
