package io.connectorkit.runtime.embedded;

import io.connectorkit.runtime.procedures.PublicProcedure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The application role of whoever calls a procedure on the embedded target: the H2 user {@value #VIEWER_USER} is
 * VIEWER, any other user (the database's default admin user, without a name) is ADMIN. In Snowflake VIEWER gets no
 * USAGE on the other procedures, so the CALL itself fails; here the alias refuses before it runs, the same way.
 */
enum CallerRole {
    ADMIN,
    VIEWER;

    static final String VIEWER_USER = "VIEWER";

    /** Snowflake's and the SQL standard's state for "insufficient privilege". */
    static final String INSUFFICIENT_PRIVILEGE = "42501";

    private static final String VIEWER_PROCEDURES = Arrays.stream(PublicProcedure.values())
            .filter(procedure -> procedure.access() == PublicProcedure.Access.ADMIN_AND_VIEWER)
            .map(PublicProcedure::name)
            .collect(Collectors.joining(", "));

    static CallerRole of(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet user = statement.executeQuery("SELECT CURRENT_USER")) {
            user.next();
            return VIEWER_USER.equals(user.getString(1)) ? VIEWER : ADMIN;
        }
    }

    /** Refuses a VIEWER call of a procedure that only ADMIN may call, as a SQL error, before anything runs. */
    static void check(Connection connection, String procedure, boolean viewerMayCall) throws SQLException {
        if (!viewerMayCall && of(connection) == VIEWER) {
            throw new SQLException(
                    "Insufficient privileges to operate on procedure '" + procedure + "': application "
                            + "role VIEWER may call only " + VIEWER_PROCEDURES + "; connect as ADMIN",
                    INSUFFICIENT_PRIVILEGE);
        }
    }
}
