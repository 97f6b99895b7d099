package io.connectorkit.runtime.spi;

/**
 * The connector's ingestion: reads one resource from the source and writes it through the {@link Sink}. The
 * scheduler ({@code RUN_SCHEDULER_ITERATION}) calls it once per due ingestion process.
 *
 * <p>Everything the call writes — the sink's rows, the new cursor, and statements through
 * {@code context.sql()} — is committed together with the run's completion, in one transaction, or not at all: when
 * the call throws, its writes are rolled back, the run is recorded {@code FAILED} with the exception's class and
 * message, and the process is retried later with backoff. So an {@code INCREMENTAL} ingestion that reads from
 * {@link IngestionTask#cursor()} and moves it with {@link Sink#setCursor} never writes a row twice, even when the
 * app dies in the middle of a run.
 *
 * <p>Keep the work of one call bounded (a page, a time window): a run holds its transaction until it returns, and a
 * run that has not finished within the connector's ingestion timeout is taken for dead and retried. The next call
 * continues from the cursor.
 */
@FunctionalInterface
public interface Ingestion {

    /**
     * Ingests once. The run's error text (the exception's class and message, and its root cause) is stored with
     * every secret value of the connection configuration masked, cut to 2000 characters.
     *
     * @param task the due process: resource, ingestion configuration, cursor and attempt
     * @param sink where the run's rows and its new cursor go
     * @param context what the procedure gives the hook; {@link ConnectorContext#sql()} runs in the run's
     *     transaction
     * @return what the run did; {@link IngestionResult#written()} counts the rows the sink wrote; null fails the run
     * @throws RuntimeException when the run fails: nothing it wrote is kept, the run is recorded FAILED, the
     *     connector stays STARTED and the process is retried with backoff
     */
    IngestionResult ingest(IngestionTask task, Sink sink, ConnectorContext context);
}
