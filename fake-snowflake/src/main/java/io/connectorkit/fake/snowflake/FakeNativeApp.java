package io.connectorkit.fake.snowflake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.connectorkit.fake.snowflake.ScriptHost.ScriptObject;
import io.connectorkit.runtime.embedded.RuntimeEvents;
import io.connectorkit.runtime.sql.Account;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.connectorkit.runtime.config.SecretReference;

/**
 * An installed application behind the fake endpoint. Its {@code LANGUAGE SQL} procedures (REGISTER_REFERENCE,
 * GET_REFERENCE_CONFIG, SETUP_EXTERNAL_ACCESS) run from the setup script it was installed from, with
 * {@link SnowflakeScript}; its other procedures and its views are answered by a real connector runtime on an embedded
 * (H2) app, so the goals get the runtime's own responses. The consumer-side objects that secrets travel through are
 * the fake's (shared by its apps): SECRET objects by name, the references SYSTEM$REFERENCE hands out, and the external
 * access integrations. The references bound with SYSTEM$SET_REFERENCE or SYSTEM$ADD_REFERENCE are the app's; a
 * bound secret becomes readable by the embedded app.
 *
 * <p>Only what the app's setup script created and granted to an application role can be reached, as in Snowflake:
 * a CALL of a procedure it did not create with that many arguments, or did not grant, and a read of a view it did
 * not create or grant, are refused (https://docs.snowflake.com/en/developer-guide/native-apps/creating-setup-script,
 * "Visibility of objects created in the setup script"). An upgrade replaces what the script created.
 *
 * <p>Tests may wire one by hand to an embedded app they installed, with the catalog of a setup script they ran
 * ({@link StagedSetupScript#run}), then give it the staged files it would have been installed from
 * ({@link #install}); {@link FakeAccount} builds them from what was staged when an application is
 * created.
 */
public final class FakeNativeApp {

    private static final Pattern CALL = Pattern.compile("CALL \"([^\"]+)\"\\.PUBLIC\\.([A-Z_]+)\\((.*)\\)",
            Pattern.DOTALL);
    /** A read of a view: its rows, at most a bound number of them, or how many there are. */
    private static final Pattern VIEW = Pattern.compile("SELECT (?:\\*|(COUNT\\(\\*\\))) FROM \"([^\"]+)\"\\.PUBLIC"
            + "\\.\"([A-Z_]+)\"( LIMIT \\?)?");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A setup script's own CALL of one of its procedures, without arguments. */
    private static final Pattern SETUP_CALL = Pattern.compile("CALL PUBLIC\\.([A-Z_][A-Z0-9_$]*) ?\\(\\)");
    /** https://docs.snowflake.com/en/sql-reference/sql/show-specifications */
    private static final Pattern SHOW_SPECIFICATIONS = Pattern.compile(
            "SHOW (?:(APPROVED|DECLINED|PENDING) )?SPECIFICATIONS IN APPLICATION \"([^\"]+)\"");
    /** https://docs.snowflake.com/en/sql-reference/sql/alter-application-sequence-number */
    private static final Pattern DECIDE_SPECIFICATION = Pattern.compile(
            "ALTER APPLICATION \"([^\"]+)\" (APPROVE|DECLINE) SPECIFICATION (\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)"
                    + " SEQUENCE_NUMBER = (\\d+)");

    /** Not a Snowflake code: the fake's own, for a procedure body it cannot interpret. */
    public static final int CANNOT_INTERPRET = 999_001;
    /**
     * Snowflake documents that SYSTEM$SET_REFERENCE "supports only single-valued references" and that
     * SYSTEM$ADD_REFERENCE errs when the reference is already bound
     * (https://docs.snowflake.com/en/sql-reference/functions/system_set_reference,
     * https://docs.snowflake.com/en/sql-reference/functions/system_add_reference), but not these errors' codes or
     * text: a compilation error is their likeliest shape, as for the fake's other undocumented refusals.
     */
    static final int UNDOCUMENTED_REFUSAL = 1003;
    /** Snowflake's code for an object that does not exist or is not authorized. */
    static final int DOES_NOT_EXIST = 2003;
    /** Snowflake's "Unknown function" (here: a procedure the setup script never created). */
    static final int UNKNOWN_FUNCTION = 2140;

    /**
     * A procedure's external access, as SETUP_EXTERNAL_ACCESS's ALTER PROCEDURE set it: the objects given.
     *
     * @param secrets secret variable name → the SECRET object
     */
    public record ExternalAccess(Map<String, String> secrets, List<String> integrations) {
        public ExternalAccess {
            secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
            integrations = List.copyOf(integrations);
        }
    }

    /** SECRET objects by qualified name, with their values: the fake's, shared by its apps. */
    public final Map<String, String> secrets;
    /** The object each reference handed out by SYSTEM$REFERENCE stands for: the fake's, shared by its apps. */
    public final Map<String, String> referenceIds;
    /**
     * The app's bound references: reference name → the object bound (a SECRET, a warehouse, an integration). A
     * multi-valued reference maps to its objects in the order they were added, joined with {@code ", "}
     * ({@link #boundObjects} lists them).
     */
    public final Map<String, String> boundReferences = new ConcurrentHashMap<>();
    /**
     * The procedures given secrets and integrations by ALTER PROCEDURE since the app was last installed or
     * upgraded (which replaces the procedures and so drops these settings), by procedure name.
     */
    public final Map<String, ExternalAccess> externalAccess = new ConcurrentHashMap<>();
    /**
     * The SECRET objects the app created in its own schemas, by qualified name ({@code "APP"."STATE"."S"}), with their
     * values: held in memory only. Upgrades keep them, as they keep the non-versioned schemas that hold them.
     */
    private final Map<String, String> ownSecrets = new ConcurrentHashMap<>();

    private final String name;
    private final Connection app;
    private final ExternalAccessIntegrations integrations;
    private final AppTelemetry telemetry;
    /** The reference IDs bound to each reference, by its manifest name (upper case), in the order bound. */
    private final Map<String, List<String>> bindings = new HashMap<>();
    private final Map<String, SnowflakeScript> parsedBodies = new HashMap<>();
    /** The app's specifications as the consumer sees them, by name; set by its setup scripts, decided by the consumer. */
    private final Map<String, SpecificationState> specifications = new LinkedHashMap<>();
    /** The external access integrations the app created itself (qualified names). */
    private final Set<String> createdIntegrations = ConcurrentHashMap.newKeySet();
    /** The account as the app sees it, through its grants; null for an app a test wired by hand (holds all). */
    private volatile Account account;
    private StagedManifest manifest;
    private SetupScriptProcedures procedures;
    private String setupScript;
    private volatile boolean dropped;
    private volatile AppCatalog catalog;

    /**
     * @param name the application's name as Snowflake stores it ({@code GITHUB_CONNECTOR})
     * @param app an embedded app with its connector bound, which answers the calls
     * @param catalog what the app's setup script created: the procedures and views that can be reached
     */
    public FakeNativeApp(FakeSnowflake snowflake, String name, Connection app, AppCatalog catalog) {
        this.name = name;
        this.app = app;
        this.catalog = catalog;
        ConsumerObjects consumer = snowflake.consumerObjects();
        this.secrets = consumer.secrets;
        this.referenceIds = consumer.referenceIds;
        this.integrations = snowflake.externalAccessIntegrations();
        this.telemetry = snowflake.telemetry();
        snowflake.on(this::isCall, granted(this::call));
        snowflake.on(sql -> !dropped && ownName(VIEW.matcher(sql)), this::view);
        snowflake.on(sql -> !dropped && ownName(SHOW_SPECIFICATIONS.matcher(sql)), this::showSpecifications);
        snowflake.on(sql -> !dropped && ownName(DECIDE_SPECIFICATION.matcher(sql)), this::decideSpecification);
        snowflake.register(this);
    }

    /** What the app's setup script created, as of its last install or upgrade. */
    public AppCatalog catalog() {
        return catalog;
    }

    /**
     * An upgrade ran the new setup script: from now on its objects are the app's. A specification it set for the first
     * time is PENDING at sequence number 1; one whose definition changed gets the next sequence number and is PENDING
     * again; a change of label or description alone keeps both
     * (https://docs.snowflake.com/en/developer-guide/native-apps/ui-consumer-app-spec, "Sequence numbers").
     */
    synchronized void replaceCatalog(AppCatalog upgraded) {
        catalog = upgraded;
        upgraded.specifications.forEach((specification, set) -> {
            SpecificationState known = specifications.get(specification);
            if (known == null) {
                specifications.put(specification, new SpecificationState(set, 1, "PENDING"));
            } else if (!known.set.definition().equals(set.definition())) {
                specifications.put(specification, new SpecificationState(set, known.sequenceNumber + 1, "PENDING"));
            } else {
                specifications.put(specification, new SpecificationState(set, known.sequenceNumber, known.status));
            }
        });
    }

    /** The account the app reaches through its grants (set when the fake builds the app). */
    void useAccount(Account grantedAccount) {
        account = grantedAccount;
    }

    /** A specification as the consumer sees it: as the app last set it, its sequence number and its status. */
    private record SpecificationState(AppCatalog.Specification set, int sequenceNumber, String status) {
    }

    /** Each specification's status by name: PENDING, APPROVED or DECLINED. */
    public synchronized Map<String, String> specificationStatuses() {
        Map<String, String> statuses = new LinkedHashMap<>();
        specifications.forEach((specification, state) -> statuses.put(specification, state.status));
        return statuses;
    }

    /** The SECRET objects the app created in its own schemas, by qualified name, with their values. */
    public Map<String, String> ownSecrets() {
        return Map.copyOf(ownSecrets);
    }

    /** The external access integrations the app created itself, by qualified name. */
    public Set<String> createdIntegrations() {
        return Set.copyOf(createdIntegrations);
    }

    private synchronized Reply showSpecifications(Query query) {
        Matcher matcher = SHOW_SPECIFICATIONS.matcher(query.sql());
        matcher.matches();
        Reply.Result result = Reply.columns(Column.text("name"), Column.text("requested_on"), Column.text("type"),
                Column.number("sequence_number"), Column.text("status"), Column.text("status_updated_on"),
                Column.text("label"), Column.text("description"), Column.text("definition"));
        for (Map.Entry<String, SpecificationState> entry : specifications.entrySet()) {
            SpecificationState state = entry.getValue();
            if (matcher.group(1) != null && !matcher.group(1).equals(state.status)) {
                continue;
            }
            Map<String, Object> definition = new LinkedHashMap<>();
            state.set.definition().forEach((key, value) -> definition.put(key.toLowerCase(Locale.ROOT),
                    key.endsWith("PORTS") || key.endsWith("SCOPES") ? List.of(value.split(",")) : value));
            String definitionJson;
            try {
                definitionJson = JSON.writeValueAsString(definition);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            result = result.row(entry.getKey(), "2026-12-01 10:00:00.000 -0800", state.set.type(),
                    state.sequenceNumber, state.status, "2026-12-01 10:00:00.000 -0800", state.set.label(),
                    state.set.description(), definitionJson);
        }
        return result;
    }

    /**
     * APPROVE or DECLINE a specification at its current sequence number. Snowflake documents that the number names
     * the version of the specification decided on, not the error for a stale one: the fake's is a compilation error.
     */
    private synchronized Reply decideSpecification(Query query) {
        Matcher matcher = DECIDE_SPECIFICATION.matcher(query.sql());
        matcher.matches();
        String specification = matcher.group(3).startsWith("\"")
                ? matcher.group(3).substring(1, matcher.group(3).length() - 1).replace("\"\"", "\"")
                : matcher.group(3).toUpperCase(Locale.ROOT);
        SpecificationState state = specifications.get(specification);
        if (state == null) {
            return Reply.error(DOES_NOT_EXIST, "02000", "SQL compilation error:\nSpecification '" + specification
                    + "' does not exist in application '" + name + "' or not authorized.");
        }
        int sequenceNumber = Integer.parseInt(matcher.group(4));
        if (sequenceNumber != state.sequenceNumber) {
            return Reply.error(UNDOCUMENTED_REFUSAL, "42601", "SQL compilation error:\nSequence number "
                    + sequenceNumber + " of specification '" + specification + "' is not its current one ("
                    + state.sequenceNumber + ").");
        }
        specifications.put(specification, new SpecificationState(state.set, state.sequenceNumber,
                matcher.group(2).equals("APPROVE") ? "APPROVED" : "DECLINED"));
        return Reply.statementExecuted();
    }

    /** The application's name as Snowflake stores it. */
    public String name() {
        return name;
    }

    /**
     * Takes the manifest and setup script of the staged files the app is installed from, as CREATE APPLICATION and
     * every upgrade do: its LANGUAGE SQL procedures are the script's from now on.
     *
     * @throws IllegalArgumentException when Snowflake would refuse the manifest
     */
    public void install(Map<String, byte[]> stagedFiles) {
        try {
            install(StagedManifest.read(stagedFiles), stagedFiles);
            // An app wired by hand logs at its manifest's level, as one built by CREATE APPLICATION does.
            telemetry.upgraded(name, StagedTelemetry.read(stagedFiles));
        } catch (SnowflakeRefusal refusal) {
            throw new IllegalArgumentException("Snowflake refuses these files (" + refusal.code + "): "
                    + refusal.getMessage(), refusal);
        }
    }

    synchronized void install(StagedManifest staged, Map<String, byte[]> stagedFiles) {
        manifest = staged;
        byte[] script = stagedFiles.get(staged.setupScript());
        setupScript = script == null ? null : new String(script, StandardCharsets.UTF_8);
        procedures = SetupScriptProcedures.of(stagedFiles, staged.setupScript());
        parsedBodies.clear();
        externalAccess.clear();
    }

    /**
     * Runs the setup script's own CALLs of its LANGUAGE SQL procedures, as Snowflake runs every statement of the
     * script at install and upgrade (the kit's script ends with CALL PUBLIC.SETUP_EXTERNAL_ACCESS(), which gives the
     * replaced procedures their external access back). The fake's account calls this once it has granted the app
     * what manifest version 2 grants before the script runs
     * (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-auto-privs); the calls' own answers are
     * dropped, as the script drops them. Tests that wire an app by hand call it after {@link #install} to finish an
     * install or upgrade as Snowflake does.
     */
    public synchronized void runSetupCalls() {
        if (procedures == null || setupScript == null) {
            return;
        }
        for (ScriptStatements.Statement statement : ScriptStatements.split(setupScript)) {
            Matcher call = SETUP_CALL.matcher(statement.text());
            if (call.matches() && procedures.isScripted(call.group(1))) {
                runScripted(call.group(1), List.of());
            }
        }
    }

    /** The objects bound to a reference, in the order they were bound; empty when none is. */
    public synchronized List<String> boundObjects(String reference) {
        return bindings.getOrDefault(reference.toUpperCase(Locale.ROOT), List.of()).stream()
                .map(referenceIds::get).toList();
    }

    /** From now on, calls of this app are answered as those of an app that does not exist. */
    void drop() {
        dropped = true;
    }

    private boolean isCall(String sql) {
        return !dropped && ownName(CALL.matcher(sql));
    }

    private boolean ownName(Matcher matcher) {
        int group = matcher.pattern() == VIEW || matcher.pattern() == SHOW_SPECIFICATIONS ? 2 : 1;
        return matcher.matches() && matcher.group(group).equals(name);
    }

    /**
     * The call, if the script created a procedure of that name taking that many arguments and granted it, and its
     * schema, to an application role; else Snowflake's refusal.
     */
    private Function<Query, Reply> granted(Function<Query, Reply> call) {
        return query -> {
            Matcher matcher = CALL.matcher(query.sql());
            matcher.matches();
            String procedure = "PUBLIC." + matcher.group(2);
            int arguments = ScriptStatements.topLevel(matcher.group(3), ',').size();
            Optional<AppCatalog.Procedure> created = catalog.procedure(procedure, arguments);
            if (created.isEmpty()) {
                return Reply.error(UNKNOWN_FUNCTION, "42601", "SQL compilation error:\nUnknown user-defined function "
                        + name + "." + procedure + ".");
            }
            if (!reachable("USAGE", "PROCEDURE", created.get().signature())) {
                return Reply.error(DOES_NOT_EXIST, "02000", "SQL compilation error:\nProcedure '" + name + "."
                        + created.get().signature() + "' does not exist or not authorized.");
            }
            return call.apply(query);
        };
    }

    private boolean reachable(String privilege, String kind, String object) {
        return !catalog.rolesGranted(privilege, kind, object).isEmpty()
                && !catalog.rolesGranted("USAGE", "SCHEMA", object.substring(0, object.indexOf('.'))).isEmpty();
    }

    private synchronized Reply call(Query query) {
        Matcher matcher = CALL.matcher(query.sql());
        matcher.matches();
        String procedure = matcher.group(2);
        Reply.Result answer = Reply.columns(Column.text(procedure));
        if (procedures == null || !procedures.isScripted(procedure)) {
            if (procedure.equals("REGISTER_REFERENCE")) {
                return Reply.error(CANNOT_INTERPRET, "0A000", "The fake app " + name + " has no setup script to run "
                        + "REGISTER_REFERENCE from: give it the staged files with FakeNativeApp.install");
            }
            String arguments = matcher.group(3).replace("PARSE_JSON(?)", "?");
            // Snowflake records what the procedure's handler logs into the account's event table.
            // and, at its trace level, the call's span with the trace events the handler added.
            return answer.row(RuntimeEvents.during(procedure, telemetry.logLevel(name), telemetry.traceLevel(name),
                    telemetry.eventTable().recorderOf(name),
                    () -> runCall("CALL PUBLIC." + procedure + "(" + arguments + ")", query.bindings())));
        }
        try {
            return answer.row((Object) runScripted(procedure, arguments(matcher.group(3), query.bindings())));
        } catch (SnowflakeRefusal refusal) {
            return refusal.reply();
        } catch (SnowflakeScript.UnsupportedScriptException | IllegalStateException e) {
            return Reply.error(CANNOT_INTERPRET, "0A000", e.getMessage());
        }
    }

    private String runScripted(String procedure, List<Object> arguments) {
        SetupScriptProcedures.Procedure definition = procedures.procedure(procedure).orElseThrow();
        SnowflakeScript script = parsedBodies.get(procedure);
        if (script == null) {
            script = SnowflakeScript.parse(procedure, definition.scriptingBody().orElseThrow());
            parsedBodies.put(procedure, script);
        }
        return script.run(definition.parameters(), arguments, new AppHost());
    }

    /** The values of a CALL's arguments: each a placeholder ({@code ?}, {@code PARSE_JSON(?)}) or a literal. */
    private static List<Object> arguments(String text, List<Object> bindings) {
        List<Object> values = new ArrayList<>();
        if (text.isBlank()) {
            return values;
        }
        int next = 0;
        for (String argument : ScriptStatements.topLevel(text, ',')) {
            String trimmed = argument.trim();
            if (trimmed.equals("?")) {
                values.add(bindings.get(next++));
            } else if (trimmed.equals("PARSE_JSON(?)")) {
                Object json = bindings.get(next++);
                try {
                    values.add(json == null ? null : JSON.readTree(String.valueOf(json)));
                } catch (JsonProcessingException e) {
                    throw new SnowflakeRefusal(100069, "22P02", "Error parsing JSON: " + e.getOriginalMessage());
                }
            } else if (trimmed.toUpperCase(Locale.ROOT).startsWith("ARRAY_CONSTRUCT(") && trimmed.endsWith(")")) {
                // https://docs.snowflake.com/en/sql-reference/functions/array_construct, of string literals
                ArrayNode array = JSON.createArrayNode();
                String inside = trimmed.substring("ARRAY_CONSTRUCT(".length(), trimmed.length() - 1);
                for (Object element : inside.isBlank() ? List.of() : arguments(inside, List.of())) {
                    array.add(element == null ? null : String.valueOf(element));
                }
                values.add(array);
            } else if (trimmed.length() >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'")) {
                values.add(trimmed.substring(1, trimmed.length() - 1).replace("''", "'"));
            } else if (trimmed.equalsIgnoreCase("NULL")) {
                values.add(null);
            } else {
                throw new SnowflakeScript.UnsupportedScriptException("The fake Snowflake cannot pass the argument "
                        + trimmed + " to a LANGUAGE SQL procedure: use ?, PARSE_JSON(?), NULL or a string literal");
            }
        }
        return values;
    }

    /** What the app's scripts reach: its references, its procedures and the account's integrations. */
    private final class AppHost implements ScriptHost {

        @Override
        public Object systemFunction(String function, List<Object> arguments) {
            switch (function) {
                case "SYSTEM$SET_REFERENCE": {
                    StagedManifest.Reference reference = declared(function, arguments, 2);
                    if (reference.multiValued()) {
                        throw new SnowflakeRefusal(UNDOCUMENTED_REFUSAL, "42601", "SQL compilation error:\n"
                                + "SYSTEM$SET_REFERENCE supports only single-valued references; reference '"
                                + reference.name() + "' is multi-valued.");
                    }
                    // "If an association was already created using the same reference name, the existing
                    // association is overwritten": https://docs.snowflake.com/en/sql-reference/functions/system_set_reference
                    bind(reference, referenceId(arguments.get(1)), true);
                    return null;
                }
                case "SYSTEM$ADD_REFERENCE": {
                    StagedManifest.Reference reference = declared(function, arguments, 2);
                    String id = referenceId(arguments.get(1));
                    List<String> bound = bindings.getOrDefault(key(reference), List.of());
                    if (bound.contains(id) || (!reference.multiValued() && !bound.isEmpty())) {
                        throw new SnowflakeRefusal(UNDOCUMENTED_REFUSAL, "42601", "SQL compilation error:\n"
                                + "Reference '" + reference.name() + "' is already associated with "
                                + (bound.contains(id) ? "this object." : "an object."));
                    }
                    bind(reference, id, false);
                    return null;
                }
                case "SYSTEM$REMOVE_REFERENCE": {
                    StagedManifest.Reference reference = declared(function, arguments, 2);
                    String alias = String.valueOf(arguments.get(1));
                    if (!bindings.getOrDefault(key(reference), new ArrayList<>()).remove(alias)) {
                        throw new SnowflakeRefusal(DOES_NOT_EXIST, "02000", "Reference '" + alias + "' of '"
                                + reference.name() + "' does not exist or not authorized.");
                    }
                    publish(reference);
                    return null;
                }
                case "SYSTEM$REMOVE_ALL_REFERENCES": {
                    StagedManifest.Reference reference = declared(function, arguments, 1);
                    bindings.remove(key(reference));
                    publish(reference);
                    return null;
                }
                case "SYSTEM$GET_ALL_REFERENCES": {
                    StagedManifest.Reference reference = declared(function, arguments, 1);
                    // The aliases of the bound objects, a JSON array: empty while none is bound.
                    ArrayNode aliases = JSON.createArrayNode();
                    bindings.getOrDefault(key(reference), List.of()).forEach(aliases::add);
                    return aliases.toString();
                }
                default:
                    throw new SnowflakeScript.UnsupportedScriptException("The fake Snowflake does not model "
                            + function + ", which a LANGUAGE SQL procedure of " + name + " calls");
            }
        }

        @Override
        public String currentDatabase() {
            return name;
        }

        /**
         * A SECRET of the app's own: an app may create objects in the schemas its setup script created
         * (https://docs.snowflake.com/en/developer-guide/native-apps/creating-setup-script); any other place is
         * refused as Snowflake refuses an object that does not exist or is not authorized. CREATE of an existing one
         * without IF NOT EXISTS fails with "already exists" (002002), ALTER and DESCRIBE of a missing one with
         * "does not exist or not authorized" (002003)
         * (https://docs.snowflake.com/en/sql-reference/sql/alter-secret). Connector code that a procedure's SECRETS
         * gives the secret to reads its new value from the next call on.
         */
        @Override
        public void secret(SecretOperation operation, String secret, boolean conditional, String value) {
            String qualified = ownSecret(secret).orElseThrow(() -> new SnowflakeRefusal(DOES_NOT_EXIST, "02000",
                    "SQL compilation error:\nSchema '" + secret.substring(0, Math.max(0, secret.lastIndexOf('.')))
                            + "' does not exist or not authorized."));
            boolean exists = ownSecrets.containsKey(qualified);
            switch (operation) {
                case CREATE -> {
                    if (exists && !conditional) {
                        throw new SnowflakeRefusal(2002, "42710", "SQL compilation error:\nObject '"
                                + qualified.replace("\"", "") + "' already exists.");
                    }
                    if (!exists) {
                        ownSecrets.put(qualified, value);
                    }
                }
                case ALTER -> {
                    if (!exists && !conditional) {
                        throw missingSecret(qualified);
                    }
                    if (exists) {
                        ownSecrets.put(qualified, value);
                        externalAccess.values().forEach(access -> access.secrets().forEach((variable, object) -> {
                            if (object.equals(qualified)) {
                                readable(variable, value);
                            }
                        }));
                    }
                }
                default -> {
                    if (!exists) {
                        throw missingSecret(qualified);
                    }
                }
            }
        }

        private SnowflakeRefusal missingSecret(String qualified) {
            return new SnowflakeRefusal(DOES_NOT_EXIST, "02000", "SQL compilation error:\nSecret '"
                    + qualified.replace("\"", "") + "' does not exist or not authorized.");
        }

        /**
         * The qualified name of a secret in one of the app's own schemas ({@code STATE.S} or {@code APP.STATE.S}),
         * or empty for a name elsewhere.
         */
        private Optional<String> ownSecret(String secret) {
            List<String> parts = List.of(ExternalAccessIntegrations.qualified(secret).split("\\.(?=\")"));
            String database = "\"" + name.replace("\"", "\"\"") + "\"";
            if (parts.size() == 3 && parts.get(0).equals(database)) {
                parts = parts.subList(1, 3);
            }
            if (parts.size() != 2) {
                return Optional.empty();
            }
            String schema = parts.get(0).substring(1, parts.get(0).length() - 1).replace("\"\"", "\"");
            return catalog.schemas.containsKey(schema) ? Optional.of(database + "." + parts.get(0) + "." + parts.get(1))
                    : Optional.empty();
        }

        /** What connector code reads for the secret field a SECRETS variable names, in the embedded app. */
        private void readable(String variable, String value) {
            String answer = runCall("CALL PUBLIC.REGISTER_SECRET(?, ?)", List.of(
                    SecretReference.nameOf(variable), value));
            if (!answer.contains("\"OK\"")) {
                throw new IllegalStateException("The embedded app behind the fake refused the secret of " + variable
                        + ": " + answer);
            }
        }

        /**
         * The statements the kit's scripts build as text: CREATE EXTERNAL ACCESS INTEGRATION, which the app may run
         * only when granted CREATE EXTERNAL ACCESS INTEGRATION (under manifest version 2, automatically) and only over
         * network rules it created (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-app-specs-eai),
         * and ALTER PROCEDURE, run as if written in the body. Any other statement is outside what the fake models.
         */
        @Override
        public void executeImmediate(String sql) {
            if (ExternalAccessIntegrations.isCreate(sql)) {
                if (account != null && !account.holdsAccountPrivilege("CREATE EXTERNAL ACCESS INTEGRATION")) {
                    throw new SnowflakeRefusal(3001, "42501", "SQL access control error:\nInsufficient privileges to "
                            + "operate on account '" + FakeSnowflake.ACCOUNT + "'");
                }
                ExternalAccessIntegrations.Created created = integrations.create(sql, rules -> rules.forEach(rule -> {
                    String qualified = ExternalAccessIntegrations.qualified(rule).replace("\"", "");
                    if (!catalog.networkRules.containsKey(qualified)) {
                        throw new SnowflakeRefusal(DOES_NOT_EXIST, "02000", "SQL compilation error:\nNetwork rule '"
                                + rule + "' does not exist or not authorized.");
                    }
                }));
                if (created.created()) {
                    createdIntegrations.add(created.name());
                }
                return;
            }
            if (sql.regionMatches(true, 0, "ALTER PROCEDURE ", 0, "ALTER PROCEDURE ".length())) {
                SnowflakeScript.parse("EXECUTE IMMEDIATE", "BEGIN\n" + sql + ";\nEND;").run(List.of(), List.of(),
                        this);
                return;
            }
            throw new SnowflakeScript.UnsupportedScriptException("The fake Snowflake does not model EXECUTE IMMEDIATE "
                    + "of '" + sql + "' in an app of " + name);
        }

        @Override
        public Object call(String procedure, List<Object> arguments) {
            if (procedures.isScripted(procedure)) {
                return runScripted(procedure, arguments);
            }
            if (procedures.procedure(procedure).isEmpty()) {
                throw new SnowflakeRefusal(UNKNOWN_FUNCTION, "42601", "SQL compilation error:\nUnknown user-defined "
                        + "function PUBLIC." + procedure + ".");
            }
            return runCall("CALL PUBLIC." + procedure + "(" + "?, ".repeat(arguments.size()).replaceAll(", $", "")
                    + ")", arguments);
        }

        /**
         * Gives the procedure the secrets and integrations, refused as Snowflake refuses an integration whose
         * ALLOWED_AUTHENTICATION_SECRETS does not list the secret ("the secrets that UDF or procedure handler code
         * can use when accessing the external network locations",
         * https://docs.snowflake.com/en/sql-reference/sql/create-external-access-integration). Snowflake does not
         * document that error's code or text; the fake's is a compilation error naming both objects.
         */
        @Override
        public void alterProcedure(String procedure, List<String> argumentTypes, Map<String, ScriptObject> secrets,
                List<ScriptObject> integrationObjects) {
            boolean exists = procedures.procedure(procedure)
                    .filter(definition -> definition.parameterTypes().size() == argumentTypes.size()).isPresent();
            if (!exists) {
                throw new SnowflakeRefusal(DOES_NOT_EXIST, "02000", "SQL compilation error:\nProcedure 'PUBLIC."
                        + procedure + "(" + String.join(", ", argumentTypes) + ")' does not exist or not authorized.");
            }
            // An object given by name must exist (and be visible to the app): Snowflake's compilation error starts
            // with its kind, which the Native SDK's SETUP_METHOD_EXTERNAL_INTEGRATION reads to tell
            // EAI_UNAVAILABLE from SECRET_UNAVAILABLE (its setup_external_integration.sql).
            integrationObjects.stream().filter(object -> !object.isReference()).forEach(object -> {
                if (integrations.allowedSecrets(object.name()).isEmpty()) {
                    throw new SnowflakeRefusal(DOES_NOT_EXIST, "02000", "SQL compilation error:\nIntegration '"
                            + ExternalAccessIntegrations.qualified(object.name()).replace("\"", "")
                            + "' does not exist or not authorized.");
                }
            });
            secrets.values().stream().filter(object -> !object.isReference()).forEach(object -> {
                String qualified = ExternalAccessIntegrations.qualified(object.name());
                // A secret the app created is the app's; any other is reached only when granted or referenced
                // (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-refs).
                boolean own = ownSecret(object.name()).filter(ownSecrets::containsKey).isPresent();
                if (!own && FakeNativeApp.this.secrets.keySet().stream()
                        .noneMatch(secret -> ExternalAccessIntegrations.qualified(secret).equals(qualified))) {
                    throw new SnowflakeRefusal(DOES_NOT_EXIST, "02000", "SQL compilation error:\nSecret '"
                            + qualified.replace("\"", "") + "' does not exist or not authorized.");
                }
            });
            Map<String, String> secretObjects = new LinkedHashMap<>();
            secrets.forEach((variable, secret) -> secretObjects.put(variable, object(secret)));
            List<String> integrationNames = integrationObjects.stream().map(this::object).toList();
            for (String integration : integrationNames) {
                for (String secret : secretObjects.values()) {
                    if (!integrations.allows(integration, secret)) {
                        throw new SnowflakeRefusal(UNDOCUMENTED_REFUSAL, "42601", "SQL compilation error:\nSecret '"
                                + secret + "' is not allowed by the ALLOWED_AUTHENTICATION_SECRETS of external access "
                                + "integration '" + integration + "'.");
                    }
                }
            }
            externalAccess.put(procedure, new ExternalAccess(secretObjects, integrationNames));
            secretObjects.forEach((variable, object) -> {
                if (ownSecrets.containsKey(object)) {
                    readable(variable, ownSecrets.get(object));
                }
            });
        }

        /** The object {@code reference('R')} stands for (R must be bound to one), or the named object. */
        private String object(ScriptObject object) {
            if (!object.isReference()) {
                return ownSecret(object.name()).filter(ownSecrets::containsKey)
                        .orElse(ExternalAccessIntegrations.qualified(object.name()));
            }
            StagedManifest.Reference reference = declared(object.name());
            List<String> bound = bindings.getOrDefault(key(reference), List.of());
            if (bound.size() != 1) {
                throw new SnowflakeRefusal(DOES_NOT_EXIST, "02000", "SQL compilation error:\nReference '"
                        + reference.name() + "' " + (bound.isEmpty() ? "is not bound to an object." : "is bound to "
                                + bound.size() + " objects; reference() needs one."));
            }
            return ExternalAccessIntegrations.qualified(referenceIds.get(bound.get(0)));
        }

        private StagedManifest.Reference declared(String function, List<Object> arguments, int count) {
            if (arguments.size() != count) {
                throw new SnowflakeRefusal(938, "42601", "SQL compilation error:\nnot enough arguments for function ["
                        + function + "], expected " + count + ", got " + arguments.size());
            }
            return declared(String.valueOf(arguments.get(0)));
        }

        /**
         * The reference the manifest declares by this name; Snowflake's reference functions take only those
         * (https://docs.snowflake.com/en/developer-guide/native-apps/requesting-refs). The refusal's text is the
         * fake's: Snowflake does not document it.
         */
        private StagedManifest.Reference declared(String reference) {
            StagedManifest.Reference declared = manifest.references().get(reference.toUpperCase(Locale.ROOT));
            if (declared == null) {
                throw new SnowflakeRefusal(DOES_NOT_EXIST, "02000", "Reference definition '" + reference
                        + "' does not exist in the manifest of application '" + name + "' or not authorized.");
            }
            return declared;
        }

        private String referenceId(Object id) {
            String text = String.valueOf(id);
            if (!referenceIds.containsKey(text)) {
                throw new SnowflakeRefusal(DOES_NOT_EXIST, "02000", "Reference does not exist or not authorized");
            }
            return text;
        }

        private void bind(StagedManifest.Reference reference, String id, boolean replace) {
            List<String> bound = bindings.computeIfAbsent(key(reference), key -> new ArrayList<>());
            if (replace) {
                bound.clear();
            }
            bound.add(id);
            publish(reference);
            String object = referenceIds.get(id);
            if (secrets.containsKey(object)) {
                // What the binding achieves in Snowflake: the app can read the secret through its reference.
                String answer = runCall("CALL PUBLIC.REGISTER_SECRET(?, ?)", List.of(reference.name(),
                        secrets.get(object)));
                if (!answer.contains("\"OK\"")) {
                    throw new IllegalStateException("The embedded app behind the fake refused the secret of "
                            + reference.name() + ": " + answer);
                }
            }
        }

        private void publish(StagedManifest.Reference reference) {
            List<String> objects = bindings.getOrDefault(key(reference), List.of()).stream()
                    .map(referenceIds::get).toList();
            if (objects.isEmpty()) {
                boundReferences.remove(reference.name());
            } else {
                boundReferences.put(reference.name(), String.join(", ", objects));
            }
        }

        private String key(StagedManifest.Reference reference) {
            return reference.name().toUpperCase(Locale.ROOT);
        }
    }

    private Reply view(Query query) {
        Matcher matcher = VIEW.matcher(query.sql());
        matcher.matches();
        String view = "PUBLIC." + matcher.group(3);
        if (!catalog.hasView(view) || !reachable("SELECT", "VIEW", view)) {
            return Reply.error(DOES_NOT_EXIST, "02000", "SQL compilation error:\nObject '" + name + "." + view
                    + "' does not exist or not authorized.");
        }
        String select = "SELECT " + (matcher.group(1) == null ? "*" : "COUNT(*)") + " FROM " + view;
        return matcher.group(4) == null ? rows(select, List.of()) : rows(select + " LIMIT ?", query.bindings());
    }

    /**
     * A read of a table in a database the app created outside itself, such as a destination table: answered from the
     * embedded app, where the table lives in the schema of that name (H2 has no databases); refused as Snowflake
     * refuses an object that does not exist or is not authorized when there is no such table there.
     */
    Reply ownedTable(boolean count, String database, String schema, String table, List<Object> bindings) {
        String qualified = database + "." + schema + "." + table;
        if (dropped || schema.equals("STATE") || schema.equals("PUBLIC") || !tableExists(schema, table)) {
            return Reply.error(DOES_NOT_EXIST, "02000", "SQL compilation error:\nObject '" + qualified
                    + "' does not exist or not authorized.");
        }
        return rows("SELECT " + (count ? "COUNT(*)" : "*") + " FROM \"" + schema.replace("\"", "\"\"") + "\".\"" + table.replace("\"", "\"\"")
                + "\"" + (bindings.isEmpty() ? "" : " LIMIT ?"), bindings);
    }

    private boolean tableExists(String schema, String table) {
        try (PreparedStatement statement = app.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND TABLE_TYPE = 'BASE TABLE'")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The embedded app behind the fake failed: " + e.getMessage(), e);
        }
    }

    /** The rows of a read, every value as text, as the fake's views answer. */
    private Reply rows(String sql, List<Object> bindings) {
        try (PreparedStatement statement = app.prepareStatement(sql)) {
            for (int i = 0; i < bindings.size(); i++) {
                statement.setObject(i + 1, bindings.get(i));
            }
            ResultSet rows = statement.executeQuery();
            ResultSetMetaData meta = rows.getMetaData();
            List<Column> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(Column.text(meta.getColumnLabel(i)));
            }
            Reply.Result result = new Reply.Result(columns, List.of());
            while (rows.next()) {
                Object[] values = new Object[columns.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rows.getString(i + 1);
                }
                result = result.row(values);
            }
            return result;
        } catch (SQLException e) {
            return Reply.error(2003, "02000", e.getMessage());
        }
    }

    private String runCall(String sql, List<Object> bindings) {
        try (PreparedStatement statement = app.prepareStatement(sql)) {
            for (int i = 0; i < bindings.size(); i++) {
                statement.setObject(i + 1, bindings.get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The embedded app behind the fake failed: " + e.getMessage(), e);
        }
    }
}
