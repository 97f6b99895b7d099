package io.connectorkit.plugin.app;

/**
 * The app, or the kit on its behalf, refused what a goal asked: the procedure, its response code and message, and
 * what to do about it in the user's terms.
 */
public final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String procedure;
    private final String code;

    public RefusedException(ProcedureResponse response, String advice) {
        super(response.procedure() + " answered " + response.code()
                + response.message().map(text -> ": " + text).orElse("")
                + (advice == null || advice.isBlank() ? "" : "\n  What to do: " + advice));
        this.procedure = response.procedure();
        this.code = response.code();
    }

    /** A refusal decided before any call, such as pausing a connector that has not finished its wizard. */
    public RefusedException(String procedure, String message) {
        super(message);
        this.procedure = procedure;
        this.code = "";
    }

    public String procedure() {
        return procedure;
    }

    /** The response code, or empty when the kit refused before calling. */
    public String code() {
        return code;
    }
}
