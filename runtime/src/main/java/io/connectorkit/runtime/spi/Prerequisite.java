package io.connectorkit.runtime.spi;

import java.util.Objects;

/** A row of {@code STATE.PREREQUISITES}: something the consumer must do before configuring the connector. */
public record Prerequisite(String id, String title, String description, String learnMoreUrl,
        String documentationUrl, String guideUrl, int position) {

    public Prerequisite {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        if (id.isBlank()) {
            throw new IllegalArgumentException("A prerequisite id must not be blank");
        }
    }

    public static Prerequisite of(String id, String title, String description, int position) {
        return new Prerequisite(id, title, description, null, null, null, position);
    }
}
