package io.connectorkit.plugin.snowflake;

/** A deploy or undeploy on Snowflake that cannot go on, with what to do about it. */
public final class DeployException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeployException(String message) {
        super(message);
    }

    public DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
