package io.connectorkit.plugin.snowflake;

import io.connectorkit.plugin.app.AppException;
import io.connectorkit.plugin.app.AppGrant;
import io.connectorkit.plugin.app.AppSpecification;
import io.connectorkit.plugin.app.InstalledApp;
import io.connectorkit.plugin.app.ProcedureResponse;
import io.connectorkit.plugin.app.QueryRows;
import io.connectorkit.plugin.app.ReferenceBinding;
import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.runtime.config.FieldType;
import io.connectorkit.runtime.config.SecretReference;
import io.connectorkit.runtime.spi.ConnectorDescription;
import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.sql.Identifier;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An application installed in a Snowflake account, called as the session's role. Secrets become {@code SECRET}
 * objects owned by that role, in a schema of the consumer's, and reach the app only through the reference the
 * manifest declares for them.
 */
public final class SnowflakeInstalledApp implements InstalledApp {

    /** Where the kit keeps the consumer's secret objects. */
    public record SecretSchema(Identifier database, Identifier schema) {
        String sql() {
            return database.sql() + "." + schema.sql();
        }
    }

    private final SnowflakeSession session;
    private final Identifier app;
    private final SecretSchema secrets;
    private final Consumer<String> log;
    private final ApplicationPrivileges privileges;
    private final ExternalAccessAdvice externalAccess;
    /** The secret fields of the connection, whose SECRET objects the kit creates. */
    private final List<String> secretFields;
    private boolean secretSchemaReady;
    /** Whether the descriptor declares specifications: SHOW SPECIFICATIONS is only asked of apps that have some. */
    private final boolean hasSpecifications;

    public SnowflakeInstalledApp(SnowflakeSession session, Identifier app, SecretSchema secrets, Descriptor descriptor,
            Consumer<String> log) {
        this.session = session;
        this.app = app;
        this.secrets = secrets;
        this.log = log;
        this.privileges = new ApplicationPrivileges(session, app, log,
                descriptor.manifest().grantsPrivilegesAutomatically());
        this.externalAccess = new ExternalAccessAdvice(app, descriptor);
        this.hasSpecifications = !descriptor.manifest().specifications().isEmpty();
        this.secretFields = descriptor.connectionFields().stream().filter(field -> field.type() == FieldType.SECRET)
                .map(ConnectorDescription.Field::name).toList();
    }

    @Override
    public List<AppGrant> grants(Optional<Identifier> warehouse) throws AppException {
        return privileges.read(warehouse);
    }

    @Override
    public List<AppGrant> grantMissing(Optional<Identifier> warehouse) throws AppException {
        return privileges.grantMissing(warehouse);
    }

    @Override
    public String describe() {
        return "Snowflake application " + app.name();
    }

    /** https://docs.snowflake.com/en/sql-reference/sql/show-specifications */
    @Override
    public List<AppSpecification> specifications() throws AppException {
        if (!hasSpecifications) {
            return List.of();
        }
        try {
            List<AppSpecification> specifications = new ArrayList<>();
            for (Map<String, Object> row : session.query("SHOW SPECIFICATIONS IN APPLICATION " + app.sql())) {
                Map<String, Object> lower = new LinkedHashMap<>();
                row.forEach((column, value) -> lower.put(column.toLowerCase(Locale.ROOT), value));
                String name = String.valueOf(lower.get("name"));
                int sequenceNumber = Integer.parseInt(String.valueOf(lower.get("sequence_number")));
                specifications.add(new AppSpecification(name, String.valueOf(lower.get("type")), sequenceNumber,
                        String.valueOf(lower.get("status")), String.valueOf(lower.get("label")),
                        String.valueOf(lower.get("definition")), approveStatement(name, sequenceNumber)));
            }
            return specifications;
        } catch (SQLException e) {
            throw new AppException("Listing the app specifications of " + describe() + " failed: "
                    + SnowflakeErrors.describe(e), e);
        }
    }

    /**
     * Approves the specification at the sequence number the consumer saw: a newer definition set since then is not
     * approved by it. https://docs.snowflake.com/en/sql-reference/sql/alter-application-sequence-number
     */
    @Override
    public String approveSpecification(AppSpecification specification) throws AppException {
        String statement = specification.approval();
        try {
            session.execute(statement);
        } catch (SQLException e) {
            throw new AppException("Approving the app specification " + specification.name() + " of " + describe()
                    + " failed: " + SnowflakeErrors.describe(e) + "; the role needs MANAGE APPLICATION SPECIFICATIONS "
                    + "on the account (or approve it in Snowsight: the app's Security tab)", e);
        }
        return statement;
    }

    /** The statement that approves the specification at its sequence number. */
    private String approveStatement(String specification, int sequenceNumber) {
        return "ALTER APPLICATION " + app.sql() + " APPROVE SPECIFICATION " + Identifier.ofName(specification).sql()
                + " SEQUENCE_NUMBER = " + sequenceNumber;
    }

    @Override
    public ProcedureResponse call(PublicProcedure procedure, Object... arguments) throws AppException {
        List<String> placeholders = new ArrayList<>();
        for (int i = 0; i < arguments.length; i++) {
            boolean variant = i < procedure.arguments().size()
                    && procedure.arguments().get(i).type() == PublicProcedure.SqlType.VARIANT;
            placeholders.add(variant ? "PARSE_JSON(?)" : "?");
        }
        String sql = "CALL " + app.sql() + "." + procedure.qualifiedName() + "(" + String.join(", ", placeholders)
                + ")";
        return ProcedureResponse.parse(procedure.name(), single(sql, procedure.name(), arguments));
    }

    @Override
    public void bindSecret(String field, String value) throws AppException {
        bindSecretObject(field, secretObject(field), value);
    }

    /**
     * The new value goes into a second SECRET object, {@code <app>_<FIELD>_DRAFT}, and the reference is bound to it;
     * the old object keeps the old value. Kept: the old object takes the new value, the reference is bound back to it
     * and the draft dropped; undone: the reference is bound back to the old object and the draft dropped. Either way
     * the reference ends on the one object, {@code <app>_<FIELD>}.
     */
    @Override
    public SecretDraft bindSecretDraft(String field, String value) throws AppException {
        String draft = secrets.sql() + "." + Identifier.ofName(app.name() + "_" + field.toUpperCase(Locale.ROOT)
                + "_DRAFT").sql();
        bindSecretObject(field, draft, value);
        return new SecretDraft() {
            @Override
            public void keep() throws AppException {
                bindSecretObject(field, secretObject(field), value);
                dropSecret(draft);
            }

            @Override
            public void undo() throws AppException {
                rebind(field, secretObject(field));
                dropSecret(draft);
            }
        };
    }

    private void bindSecretObject(String field, String qualified, String value) throws AppException {
        prepareSecretSchema();
        try {
            // The value is bound, so it never lands in the statement text of the account's query history
            // (https://docs.snowflake.com/en/sql-reference/bind-variables); Snowflake's own tools bind SECRET_STRING
            // the same way. Neither the statement nor the driver's message about it is ever shown.
            session.execute("CREATE OR REPLACE SECRET " + qualified + " TYPE = GENERIC_STRING SECRET_STRING = ?"
                    + " COMMENT = '" + NativeAppInstaller.MARKER + "'", value);
        } catch (SQLException e) {
            throw new AppException("Creating the secret " + qualified + " for '" + field + "' failed (Snowflake error "
                    + e.getErrorCode() + ", SQLSTATE " + e.getSQLState() + "); check that the role may create secrets "
                    + "in " + secrets.sql() + " or choose another schema with -Dconnector.secretDatabase and "
                    + "-Dconnector.secretSchema");
        }
        rebind(field, qualified);
    }

    /**
     * Binds the secret reference of the field to a SECRET object, through the app's register callback; binding a
     * single-valued reference again replaces the object it was bound to
     * (https://docs.snowflake.com/en/sql-reference/functions/system_set_reference), which is how a draft is undone.
     */
    private void rebind(String field, String qualified) throws AppException {
        String reference = SecretReference.nameOf(field);
        String id = single("SELECT SYSTEM$REFERENCE('SECRET', ?, 'PERSISTENT', 'READ')",
                "SYSTEM$REFERENCE", qualified);
        String answer = single("CALL " + app.sql() + ".PUBLIC.REGISTER_REFERENCE(?, 'ADD', ?)", "REGISTER_REFERENCE",
                reference, id);
        if (!ExternalAccessAdvice.isSuccess(answer)) {
            throw new AppException(externalAccess.forAnswer("Binding the secret " + qualified + " for '" + field
                    + "' to the reference " + reference + " of " + describe(), "REGISTER_REFERENCE", answer,
                    List.of(qualified)));
        }
        log.accept("Secret '" + field + "' stored in " + qualified + " and bound to the app's reference " + reference);
    }

    /** https://docs.snowflake.com/en/sql-reference/sql/drop-secret */
    private void dropSecret(String qualified) throws AppException {
        try {
            session.execute("DROP SECRET IF EXISTS " + qualified);
        } catch (SQLException e) {
            throw new AppException("Dropping the secret " + qualified + " failed: " + SnowflakeErrors.describe(e), e);
        }
    }

    @Override
    public List<Map<String, Object>> view(String view) throws AppException {
        String sql = "SELECT * FROM " + app.sql() + ".PUBLIC." + Identifier.parse(view).sql();
        try {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row : session.query(sql)) {
                Map<String, Object> upper = new LinkedHashMap<>();
                row.forEach((column, value) -> upper.put(column.toUpperCase(Locale.ROOT), value));
                rows.add(upper);
            }
            return rows;
        } catch (SQLException e) {
            throw new AppException("Reading " + view + " of " + describe() + " failed: " + SnowflakeErrors.describe(e),
                    e);
        }
    }

    @Override
    public String viewSql(Identifier view) {
        return app.sql() + ".PUBLIC." + view.sql();
    }

    @Override
    public boolean hasDatabases() {
        return true;
    }

    @Override
    public QueryRows select(String sql, List<Object> values, int maxRows) throws AppException {
        try {
            return session.select(sql, maxRows, values.toArray());
        } catch (SQLException e) {
            throw new AppException("The query failed on " + describe() + ": " + SnowflakeErrors.describe(e), e);
        }
    }

    /** The SECRET object the kit creates for a secret field: {@code <db>.<schema>.<APP>_<FIELD>}. */
    private String secretObject(String field) {
        return secrets.sql() + "." + Identifier.ofName(app.name() + "_" + field.toUpperCase(Locale.ROOT)).sql();
    }

    private void prepareSecretSchema() throws AppException {
        if (secretSchemaReady) {
            return;
        }
        try {
            session.execute("CREATE DATABASE IF NOT EXISTS " + secrets.database().sql() + " COMMENT = '"
                    + NativeAppInstaller.MARKER + "'");
            session.execute("CREATE SCHEMA IF NOT EXISTS " + secrets.sql());
        } catch (SQLException e) {
            throw new AppException("Preparing " + secrets.sql() + " for the connector's secrets failed: "
                    + SnowflakeErrors.describe(e) + "; choose a schema the role can use with "
                    + "-Dconnector.secretDatabase and -Dconnector.secretSchema", e);
        }
        secretSchemaReady = true;
    }

    /** The one value the statement answers, as text. */
    @Override
    public boolean bindReference(ReferenceBinding binding) throws AppException {
        Descriptor.Reference reference = binding.reference();
        List<Object> arguments = new ArrayList<>(List.of(reference.objectType(), binding.object().sql()));
        arguments.addAll(reference.privileges());
        String id = single("SELECT SYSTEM$REFERENCE(?, ?, 'PERSISTENT'" + ", ?".repeat(reference.privileges().size())
                + ")", "SYSTEM$REFERENCE", arguments.toArray());
        // The callback is a SCHEMA.NAME of plain names, checked when the descriptor was read.
        String answer = single("CALL " + app.sql() + "." + reference.registerCallback() + "(?, 'ADD', ?)",
                reference.registerCallback(), reference.name(), id);
        externalAccess.bound(reference, binding.object());
        if (!ExternalAccessAdvice.isSuccess(answer)) {
            throw new AppException(externalAccess.forAnswer("Binding " + binding.object().sql() + " to the reference "
                    + reference.name() + " of " + describe(), reference.registerCallback(), answer,
                    secretFields.stream().map(this::secretObject).toList()));
        }
        log.accept("Bound " + reference.objectType() + " " + binding.object().sql() + " to the app's reference "
                + reference.name());
        return true;
    }

    private String single(String sql, String what, Object... values) throws AppException {
        try {
            List<Map<String, Object>> rows = session.query(sql, values);
            if (rows.isEmpty() || rows.get(0).isEmpty()) {
                return null;
            }
            Object value = rows.get(0).values().iterator().next();
            return value == null ? null : value.toString();
        } catch (SQLException e) {
            throw new AppException(what + " on " + describe() + " failed: " + SnowflakeErrors.describe(e), e);
        }
    }

    @Override
    public void close() throws AppException {
        try {
            session.close();
        } catch (SQLException e) {
            throw new AppException("Closing the Snowflake session failed: " + e.getMessage(), e);
        }
    }
}
