package io.connectorkit.plugin.upgrade;

/** The upgrade check could not run, or found what the upgrade lost: the message says which and what to do. */
public final class UpgradeCheckException extends Exception {

    private static final long serialVersionUID = 1L;

    public UpgradeCheckException(String message) {
        super(message);
    }

    public UpgradeCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
