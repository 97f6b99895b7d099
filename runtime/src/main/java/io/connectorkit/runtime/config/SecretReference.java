package io.connectorkit.runtime.config;

import java.util.Locale;
import java.util.Objects;

/**
 * The reference through which a {@code secret} field of the connection configuration reaches its value. The
 * configuration stores only the reference's name ({@code api_token} → {@code API_TOKEN_SECRET}); the value lives
 * where the target keeps secrets: a Snowflake {@code SECRET} bound to the app's reference, or the embedded app's
 * {@code STATE.SECRETS} table, filled by {@code PUBLIC.REGISTER_SECRET}.
 */
public final class SecretReference {

    /** What a field's name becomes, upper-cased, to name its reference. */
    public static final String SUFFIX = "_SECRET";

    private SecretReference() {}

    /**
     * The reference name of a secret field: {@code api_token} → {@code API_TOKEN_SECRET}.
     *
     * @param fieldName the secret field's name
     * @return the name, upper-cased, with {@link #SUFFIX}
     */
    public static String nameOf(String fieldName) {
        Objects.requireNonNull(fieldName, "field name");
        return fieldName.toUpperCase(Locale.ROOT) + SUFFIX;
    }

    /**
     * Whether a text is exactly the reference name of the field, as a secret field's value must be.
     *
     * @param fieldName the secret field's name
     * @param text a value given for the field
     * @return whether the value is {@link #nameOf nameOf(fieldName)}, case included
     */
    public static boolean isReferenceOf(String fieldName, String text) {
        return nameOf(fieldName).equals(text);
    }

    /**
     * Why any value but the reference name is refused, completing "Field 'api_token' of connection_configuration ";
     * it never repeats the value, which may be the secret itself.
     */
    static String refusal(String fieldName) {
        return "is a secret: give the name of its secret reference, " + nameOf(fieldName) + ", after binding the "
                + "secret to it (mvn connector:configure does both); a secret's value is never stored in the "
                + "configuration";
    }
}
