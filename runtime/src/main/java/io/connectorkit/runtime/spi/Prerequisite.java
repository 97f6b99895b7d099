package io.connectorkit.runtime.spi;

import java.util.Objects;

/**
 * A row of {@code STATE.PREREQUISITES}: something the consumer must do before configuring the connector. The
 * consumer marks it done ({@code UPDATE_PREREQUISITE}); installing the app again refreshes the texts and keeps that
 * mark.
 *
 * @param id the row's key, unique within the connector and not blank
 * @param title a short title, as the wizard shows it
 * @param description what to do, as the wizard shows it
 * @param learnMoreUrl a link to more information ({@code LEARNMORE_URL}), or null
 * @param documentationUrl a link to documentation ({@code DOCUMENTATION_URL}), or null
 * @param guideUrl a link to a step-by-step guide ({@code GUIDE_URL}), or null
 * @param position the display order: the {@code PREREQUISITES} view lists rows by ascending position
 */
public record Prerequisite(
        String id,
        String title,
        String description,
        String learnMoreUrl,
        String documentationUrl,
        String guideUrl,
        int position) {

    /**
     * Checks the required texts.
     *
     * @param id the row's key, not blank
     * @param title a short title
     * @param description what to do
     * @param learnMoreUrl a link to more information, or null
     * @param documentationUrl a link to documentation, or null
     * @param guideUrl a link to a guide, or null
     * @param position the display order
     * @throws NullPointerException when the id, the title or the description is null
     * @throws IllegalArgumentException when the id is blank
     */
    public Prerequisite {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        if (id.isBlank()) {
            throw new IllegalArgumentException("A prerequisite id must not be blank");
        }
    }

    /**
     * A prerequisite without links.
     *
     * @param id the row's key, not blank
     * @param title a short title
     * @param description what to do
     * @param position the display order
     * @return the prerequisite, its three URLs null
     * @throws NullPointerException when the id, the title or the description is null
     * @throws IllegalArgumentException when the id is blank
     */
    public static Prerequisite of(String id, String title, String description, int position) {
        return new Prerequisite(id, title, description, null, null, null, position);
    }
}
