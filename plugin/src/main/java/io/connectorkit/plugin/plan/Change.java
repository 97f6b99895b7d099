package io.connectorkit.plugin.plan;

import java.util.Locale;

/**
 * One thing a deploy would change.
 *
 * @param section what part of the app it is in
 * @param kind whether it is added, changed or removed
 * @param subject what changes: a file's path, an object's kind and name, a grant, a manifest entry
 * @param detail how it changes, for a reader; empty when the subject says it all
 */
public record Change(Section section, Kind kind, String subject, String detail) {

    /** The part of the app a change is in, in the order a plan lists them. */
    public enum Section {
        /** The application (and on Snowflake its package): created or upgraded. */
        APPLICATION("application"),
        /** The bundle's files: the Snowflake stage's, or the embedded app's folder. */
        FILES("files"),
        /** What the setup script creates: schemas, tables, procedures, views, roles, … */
        OBJECTS("setup objects"),
        /** The setup script's GRANT and REVOKE statements. */
        GRANTS("grants"),
        /** The setup script's other statements, such as ALTER APPLICATION SET SPECIFICATION. */
        STATEMENTS("setup statements"),
        /** The privileges the manifest lists. */
        PRIVILEGES("manifest privileges"),
        /** The references the manifest lists. */
        REFERENCES("manifest references"),
        /** The rest of the manifest: manifest_version, version, artifacts, configuration, … */
        MANIFEST("manifest");

        private final String label;

        Section(String label) {
            this.label = label;
        }

        /** The section's name in reports. */
        public String label() {
            return label;
        }
    }

    /** Whether a deploy adds, changes or removes the subject. */
    public enum Kind {
        /** New with this deploy. */
        ADDED("+"),
        /** There before, different after. */
        CHANGED("~"),
        /** There before, gone after. */
        REMOVED("-");

        private final String sign;

        Kind(String sign) {
            this.sign = sign;
        }

        /** The one-character mark of text reports: {@code +}, {@code ~} or {@code -}. */
        public String sign() {
            return sign;
        }

        /** The kind's name in reports: {@code added}, {@code changed}, {@code removed}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A change without detail. */
    public static Change of(Section section, Kind kind, String subject) {
        return new Change(section, kind, subject, "");
    }
}
