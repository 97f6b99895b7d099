package io.connectorkit.plugin.app;

import java.util.Locale;

/** The reference through which the app reads a secret connection field: {@code api_token} → API_TOKEN_SECRET. */
public final class SecretReferences {

    private SecretReferences() {
    }

    public static String nameOf(String field) {
        return field.toUpperCase(Locale.ROOT) + "_SECRET";
    }
}
