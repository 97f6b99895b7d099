package ${package};

/**
 * The records API could not answer a request: the message names the URL, the HTTP status (or the I/O failure) and
 * what to do. It never holds the token.
 */
public final class RecordsApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The status of an answer that was not an HTTP answer: the request failed or timed out. */
    public static final int NO_STATUS = 0;

    private final String url;
    private final int status;

    RecordsApiException(String url, int status, String message, Throwable cause) {
        super(message, cause);
        this.url = url;
        this.status = status;
    }

    /** The request's URL. */
    public String url() {
        return url;
    }

    /** The last HTTP status, or {@link #NO_STATUS} when no answer came. */
    public int status() {
        return status;
    }

    /** Whether the API refused the token (HTTP 401). */
    public boolean isUnauthorized() {
        return status == 401;
    }
}
