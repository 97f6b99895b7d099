package io.connectorkit.runtime.spi;

import java.util.Map;

/**
 * Where an ingestion run puts what it read: rows into the destination table, and the cursor the next run starts
 * from. Nothing is visible to others until the run completes; then the rows, the cursor and the run's completion are
 * committed together. A run that throws keeps none of them.
 *
 * <p><b>Destination.</b> The ingestion configuration's {@code destination.table} (a Snowflake identifier, possibly
 * qualified: {@code ORDERS}, {@code RAW.ORDERS}, {@code DEST_DB.RAW.ORDERS}); an unqualified name lives in
 * {@code connector_configuration.destination_schema}. Without it, the table is named after the resource (upper-cased,
 * characters other than letters, digits and {@code _} replaced by {@code _}) in {@code destination_schema} (and
 * {@code destination_database} in Snowflake; the embedded target has one database and ignores database names).
 *
 * <p><b>Rows.</b> A row maps column names to values. Names follow Snowflake's identifier rules ({@code id} and
 * {@code ID} are the same column {@code ID}; {@code "id"} is the exact name {@code id}); a key absent from a row is
 * NULL. Values: {@code String}, numbers, {@code Boolean}, {@code java.time} dates and times ({@code Instant},
 * {@code OffsetDateTime} and {@code ZonedDateTime} are stored in UTC), {@code Map} and {@code List} (stored as
 * JSON/VARIANT), or null. All values are bound, never put into SQL text.
 *
 * <p><b>Table.</b> A missing table (and schema) is created at the run's first batch, with one column per key of the
 * rows buffered so far, typed from their first non-null values (string → VARCHAR, whole number → BIGINT /
 * NUMBER(38,0), other number → DOUBLE / FLOAT, {@code BigDecimal} → NUMERIC(38,9), boolean → BOOLEAN, date → DATE,
 * date-time → TIMESTAMP / TIMESTAMP_NTZ, map or list → JSON / VARIANT, only nulls → VARCHAR). Columns the rows
 * bring later are added at the first batch of a run; within a run, the first batch fixes the columns. For other
 * types or constraints, create the table yourself (in the finalize callback, for example): the sink only ever adds
 * missing columns.
 */
public interface Sink {

    /**
     * Writes one row. Rows are sent in batches of 1000; an invalid row fails the run (nothing of it is kept). A row
     * is checked when its batch is sent, so the exception may come from a later {@code write} or from the run's
     * completion.
     *
     * @param row column names to values, as the class comment describes; the sink may hold it until its batch is
     *     sent, so do not change it afterwards
     * @throws NullPointerException when the row is null
     * @throws IllegalArgumentException when a row's key is not a valid column name, two keys name the same column,
     *     or a value has an unsupported type
     */
    void write(Map<String, ?> row);

    /**
     * Writes several rows, one {@link #write(Map)} each, in order.
     *
     * @param rows the rows
     */
    default void writeAll(Iterable<? extends Map<String, ?>> rows) {
        for (Map<String, ?> row : rows) {
            write(row);
        }
    }

    /**
     * Sets the cursor the next run of this ingestion process starts from ({@link IngestionTask#cursor()}): JSON text,
     * stored in the process's {@code METADATA} together with the rows; {@code null} clears it. Not calling it keeps
     * the current cursor.
     *
     * @param json the cursor as JSON text (any JSON value, usually an object), or null to clear it
     * @throws IllegalArgumentException when the text is not JSON
     */
    void setCursor(String json);

    /**
     * Sets the cursor to a JSON object of plain values (String, Number, Boolean, Map, List, null).
     *
     * @param cursor the cursor's keys and values, or null to clear it
     * @throws IllegalArgumentException when a value cannot be turned into JSON
     */
    void setCursor(Map<String, ?> cursor);

    /**
     * Deletes every row of the destination table in this run's transaction, before its first row is written: the
     * table then holds exactly this run's rows once it completes (a {@code SNAPSHOT} that replaces its data). A run
     * that writes no row after it still empties the table. Calling it again does nothing more.
     *
     * @throws IllegalStateException when the run's first batch of rows has already been sent
     */
    void clearDestination();

    /**
     * The rows written so far in this run.
     *
     * @return the number of {@link #write(Map)} calls, whether or not their batch was sent yet; what
     *     {@link IngestionResult#written()} records
     */
    long rowsWritten();

    /**
     * The destination table as SQL (quoted identifiers), for a connector that also writes it with its own statements
     * through {@code context.sql()}.
     *
     * @return the qualified, quoted table name, such as {@code "RAW"."ORDERS"} (with the database in Snowflake)
     * @throws IllegalStateException when no destination can be derived (no {@code destination.table} and no
     *     {@code destination_schema}, an unqualified {@code destination.table} and no {@code destination_schema}, or
     *     a {@code destination.table} that is not a table name)
     */
    String destinationTable();
}
