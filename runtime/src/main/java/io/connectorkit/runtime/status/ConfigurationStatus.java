package io.connectorkit.runtime.status;

/** How far the wizard has come, in wizard order (spec §1.1). */
public enum ConfigurationStatus {
    INSTALLED,
    PREREQUISITES_DONE,
    CONFIGURED,
    CONNECTED,
    FINALIZED;

    public boolean isBefore(ConfigurationStatus other) {
        return ordinal() < other.ordinal();
    }
}
