package io.connectorkit.runtime.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one ingestion run reports: the number of rows it ingested ({@code INGESTED_ROWS} of the run, which the
 * statistics views sum up) and an optional message, kept in the run's {@code METADATA} as {@code {"message": …}}.
 */
public final class IngestionResult {

    private final OptionalLong rows;
    private final String message;

    private IngestionResult(OptionalLong rows, String message) {
        this.rows = rows;
        this.message = message;
    }

    /**
     * The run ingested exactly the rows the sink wrote.
     *
     * @return a result that reports {@link Sink#rowsWritten()} and has no message
     */
    public static IngestionResult written() {
        return new IngestionResult(OptionalLong.empty(), null);
    }

    /**
     * The run ingested this many rows, whatever the sink counted: for a connector that writes with its own SQL
     * through {@code context.sql()} (a {@code MERGE}, for example).
     *
     * @param rows the number of rows to record, zero or more
     * @return a result that reports this number and has no message
     * @throws IllegalArgumentException when the number is negative
     */
    public static IngestionResult rows(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("A run cannot ingest a negative number of rows: " + rows);
        }
        return new IngestionResult(OptionalLong.of(rows), null);
    }

    /**
     * The same result with a message for the run's metadata (never put a secret into it).
     *
     * @param text the message, stored as is in {@code {"message": text}}
     * @return a new result with the same rows and this message, replacing any earlier one
     * @throws NullPointerException when the text is null
     */
    public IngestionResult withMessage(String text) {
        return new IngestionResult(rows, Objects.requireNonNull(text, "message"));
    }

    /**
     * The rows the connector reported; empty means the rows the sink wrote.
     *
     * @return the number given to {@link #rows(long)}, or empty for {@link #written()}
     */
    public OptionalLong reportedRows() {
        return rows;
    }

    /**
     * The message for the run's {@code METADATA}.
     *
     * @return the text given to {@link #withMessage(String)}; empty when none was, and the run's metadata then
     *     stays NULL
     */
    public Optional<String> message() {
        return Optional.ofNullable(message);
    }

    @Override
    public String toString() {
        return "IngestionResult[rows=" + (rows.isPresent() ? rows.getAsLong() : "written") + ", message=" + message
                + "]";
    }
}
