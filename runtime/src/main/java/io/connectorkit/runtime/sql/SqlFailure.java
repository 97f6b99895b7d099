package io.connectorkit.runtime.sql;

/**
 * A statement failed. The message names the statement text but never its bound values, which may be secrets.
 */
public class SqlFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SqlFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** Another transaction held a row this one needed for longer than the lock timeout. */
    public static final class LockTimeout extends SqlFailure {
        private static final long serialVersionUID = 1L;

        public LockTimeout(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
