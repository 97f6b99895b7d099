package io.connectorkit.runtime.spi;

/**
 * How an ingestion configuration reads its resource (spec §2.4): {@code INCREMENTAL} continues from the cursor the
 * previous run stored, {@code SNAPSHOT} reads the whole resource each time. The runtime passes it on; the connector
 * decides what it means for its source. The configuration's value is read case-insensitively ({@code incremental}
 * is {@code INCREMENTAL}); any other value fails the run.
 */
public enum IngestionStrategy {
    /**
     * Reads the whole resource each run; use {@link Sink#clearDestination()} to replace the previous run's rows
     * instead of adding to them.
     */
    SNAPSHOT,
    /** Reads what changed since {@link IngestionTask#cursor()} and moves the cursor with {@link Sink#setCursor}. */
    INCREMENTAL
}
