package io.connectorkit.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.json.InvalidJsonException;
import io.connectorkit.runtime.sql.Identifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** The type of a configuration field; the runtime refuses values that do not have it. */
public enum FieldType {
    /** Any JSON string. */
    STRING("a string"),
    /** A Snowflake identifier: unquoted ({@code MY_WAREHOUSE}, resolved upper-case) or double-quoted. */
    IDENTIFIER("a Snowflake identifier such as MY_WAREHOUSE or \"My Warehouse\""),
    /** A JSON number without fraction, within the range of {@code long}. */
    INTEGER("a whole number"),
    /** JSON {@code true} or {@code false}; the strings {@code "true"} and {@code "false"} are refused. */
    BOOLEAN("true or false"),
    /** An absolute {@code http} or {@code https} URL with a host. */
    URL("an absolute http or https URL such as https://api.example.com"),
    /** A 5-field cron expression as {@link CronExpression} accepts it. */
    CRON("a 5-field cron expression such as \"0 * * * *\""),
    /**
     * A credential of the connection configuration. Its value is the name of the field's {@link SecretReference};
     * the secret itself stays where the target keeps secrets. Masked by views and read procedures, never repeated
     * in a message.
     */
    SECRET("the name of the field's secret reference, such as API_TOKEN_SECRET"),
    /** A JSON object, of any keys. */
    OBJECT("a JSON object"),
    /**
     * One of a fixed list of strings, the field's {@linkplain ConfigurationField#choices() choices}; here only the
     * form (a non-blank string) is checked, a {@link ConfigurationField} checks that the value is one of them.
     */
    CHOICE("one of the field's choices");

    /** What read procedures and views show instead of a secret's value. */
    public static final String MASK = "********";

    private final String expected;

    FieldType(String expected) {
        this.expected = expected;
    }

    /**
     * @return what a value of this type looks like, completing "it must be …" in messages
     */
    public String expected() {
        return expected;
    }

    /**
     * @return the name used in {@code connector.yaml} and in messages: {@code string}, {@code identifier}, …
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The type with this {@linkplain #label() label}.
     *
     * @param label a label such as {@code url}; lower case only
     * @return the type, or empty when no type has this label
     */
    public static Optional<FieldType> ofLabel(String label) {
        for (FieldType type : values()) {
            if (type.label().equals(label)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * Why a value does not have this type. A secret's or a choice's value is checked only for its form here; a
     * {@link ConfigurationField} checks the exact reference name or the choices.
     *
     * @param json the value as JSON text, for example {@code "\"XS\""} or {@code 100}
     * @return the reason, to be shown after the field's name; empty when the value has this type
     */
    public Optional<String> problemOfJson(String json) {
        try {
            return problem(JsonTree.parse(json));
        } catch (InvalidJsonException e) {
            return Optional.of("it is not JSON: " + e.getMessage());
        }
    }

    /** Why the value does not have this type, or empty when it does. A null value is the caller's business. */
    Optional<String> problem(JsonNode value) {
        switch (this) {
            case STRING:
                return value.isTextual() ? Optional.empty() : notA(value);
            case SECRET:
                // Without the field's name only the form can be checked; ConfigurationField checks the exact name.
                return value.isTextual() && !value.asText().isBlank()
                        ? Optional.empty()
                        : Optional.of("it must be " + expected);
            case IDENTIFIER:
                if (!value.isTextual()) {
                    return notA(value);
                }
                try {
                    Identifier.parse(value.asText());
                    return Optional.empty();
                } catch (Identifier.InvalidIdentifierException e) {
                    return Optional.of(e.reason());
                }
            case INTEGER:
                return value.isIntegralNumber() && value.canConvertToLong() ? Optional.empty() : notA(value);
            case BOOLEAN:
                return value.isBoolean() ? Optional.empty() : notA(value);
            case URL:
                return value.isTextual() ? urlProblem(value.asText()) : notA(value);
            case CRON:
                return value.isTextual() ? CronExpression.problem(value.asText()) : notA(value);
            case OBJECT:
                return value.isObject() ? Optional.empty() : notA(value);
            case CHOICE:
                // Without the field only the form can be checked; ConfigurationField checks the exact choices.
                return value.isTextual() ? Optional.empty() : notA(value);
            default:
                throw new IllegalStateException("Unhandled field type " + this);
        }
    }

    private Optional<String> notA(JsonNode value) {
        return Optional.of("it must be " + expected + ", but it is " + JsonTree.describeType(value));
    }

    private static Optional<String> urlProblem(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.of("it must start with http:// or https://");
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return Optional.of("it has no host name");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("it is not a URL: " + e.getReason());
        }
    }
}
