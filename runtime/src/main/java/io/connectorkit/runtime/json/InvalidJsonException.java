package io.connectorkit.runtime.json;

/** Thrown when text that should be JSON is not; the message is the parser's reason. */
public final class InvalidJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param reason why the text is not JSON, as the parser said it
     */
    public InvalidJsonException(String reason) {
        super(reason);
    }
}
