package io.connectorkit.plugin.app;

/** A call to the installed app could not be made or failed outside the procedure's own answer. */
public final class AppException extends Exception {
    private static final long serialVersionUID = 1L;

    public AppException(String message) {
        super(message);
    }

    public AppException(String message, Throwable cause) {
        super(message, cause);
    }
}
