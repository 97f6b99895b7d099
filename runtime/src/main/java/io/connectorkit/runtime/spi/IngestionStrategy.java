package io.connectorkit.runtime.spi;

/**
 * How an ingestion configuration reads its resource (spec §2.4): {@code INCREMENTAL} continues from the cursor the
 * previous run stored, {@code SNAPSHOT} reads the whole resource each time. The runtime passes it on; the connector
 * decides what it means for its source.
 */
public enum IngestionStrategy {
    SNAPSHOT,
    INCREMENTAL
}
