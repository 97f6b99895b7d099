package io.connectorkit.plugin.app;

import java.util.Arrays;
import java.util.Locale;

/** The application role a goal acts as; on the embedded target each is a database user. */
public enum AppRole {
    ADMIN,
    VIEWER;

    /** The {@code connector.role} value. */
    public static AppRole resolve(String value) {
        String name = value == null || value.isBlank() ? "ADMIN" : value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(role -> role.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("connector.role '" + value + "' is not an application "
                        + "role; use ADMIN (the default) or VIEWER"));
    }
}
