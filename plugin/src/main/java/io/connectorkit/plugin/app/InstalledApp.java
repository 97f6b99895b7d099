package io.connectorkit.plugin.app;

import io.connectorkit.runtime.procedures.PublicProcedure;
import io.connectorkit.runtime.sql.Identifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployed connector app, on either target, reached the way its consumer reaches it: by calling its public
 * procedures, reading its public views and binding secrets to its references.
 */
public interface InstalledApp extends AutoCloseable {

    /** The app as messages name it: {@code embedded app github_connector}. */
    String describe();

    /**
     * Calls a public procedure with its arguments bound in order: JSON text for a VARIANT, a String, a Boolean.
     * The answer is the procedure's response object, OK or not; an {@link AppException} means the call itself failed.
     */
    ProcedureResponse call(PublicProcedure procedure, Object... arguments) throws AppException;

    /**
     * Makes the value of a secret connection field readable by the app through the field's secret reference, and
     * by nothing else.
     */
    void bindSecret(String field, String value) throws AppException;

    /**
     * Binds a secret's new value for an update the app may refuse: the value it replaces is kept aside, and the draft
     * is then kept or undone, so that a refused update leaves the old value bound.
     */
    SecretDraft bindSecretDraft(String field, String value) throws AppException;

    /** A secret bound by {@link #bindSecretDraft}, to be kept or undone. */
    interface SecretDraft {
        /** The new value stays bound; the one it replaced is deleted. */
        void keep() throws AppException;

        /** The replaced value is bound again; the new one is deleted. */
        void undo() throws AppException;
    }

    /**
     * Binds an account object to one of the app's references (a warehouse, an external access integration), through
     * the reference's register callback. The embedded target has no account objects: it binds nothing and answers
     * false.
     */
    boolean bindReference(ReferenceBinding binding) throws AppException;

    /**
     * What the app needs granted on its account, each held or missing: the account privileges its manifest requests,
     * and USAGE on the warehouse when one is named. The embedded target holds everything and answers none.
     */
    default List<AppGrant> grants(Optional<Identifier> warehouse) throws AppException {
        return List.of();
    }

    /**
     * Grants what {@link #grants} finds missing where the session's role may grant it, logging each grant; answers
     * the grants as they are afterwards (what is still missing needs another role).
     */
    default List<AppGrant> grantMissing(Optional<Identifier> warehouse) throws AppException {
        return List.of();
    }

    /**
     * The app's specifications and whether the consumer approved each (manifest version 2 on Snowflake); none on
     * the embedded target, which reaches the network without approvals.
     */
    default List<AppSpecification> specifications() throws AppException {
        return List.of();
    }

    /**
     * Approves the current version of a specification, as a consumer with MANAGE APPLICATION SPECIFICATIONS would;
     * answers the statement it ran.
     */
    default String approveSpecification(AppSpecification specification) throws AppException {
        throw new AppException(describe() + " has no app specifications to approve");
    }

    /** How SQL names one of the app's public views on this target: {@code PUBLIC."V"}, or on Snowflake {@code "APP".PUBLIC."V"}. */
    default String viewSql(Identifier view) {
        return "PUBLIC." + view.sql();
    }

    /** Whether table names on this target have a database part (Snowflake), which the embedded target ignores. */
    default boolean hasDatabases() {
        return false;
    }

    /**
     * Runs one read-only query with its values bound in order and answers its columns and at most {@code maxRows}
     * rows. The caller has checked that the text is a single SELECT; the target keeps it from changing anything
     * where it can.
     */
    default QueryRows select(String sql, List<Object> values, int maxRows) throws AppException {
        throw new AppException(describe() + " cannot run queries");
    }

    /** The rows of a public view ({@code CONNECTOR_CONFIGURATION}, {@code SYNC_STATUS}), by upper-case column. */
    List<Map<String, Object>> view(String name) throws AppException;

    @Override
    void close() throws AppException;
}
