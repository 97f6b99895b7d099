package io.connectorkit.plugin.operate;

/** A query that {@code connector:query} refuses or cannot answer: the message names the input and the fix. */
public final class QueryException extends Exception {
    private static final long serialVersionUID = 1L;

    public QueryException(String message) {
        super(message);
    }

    public QueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
