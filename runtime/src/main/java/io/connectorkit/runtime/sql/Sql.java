package io.connectorkit.runtime.sql;

import java.util.List;

/**
 * Statements with bound values. Values are always parameters ({@code ?}); names reach SQL only through
 * {@link Identifier#sql()}.
 */
public interface Sql {

    List<SqlRow> query(String sql, Object... parameters);

    /** Runs a statement that changes data and answers the number of rows it changed. */
    int update(String sql, Object... parameters);

    /** Runs a statement for its effect (DDL, CALL); its result, if any, is ignored. */
    void execute(String sql, Object... parameters);
}
