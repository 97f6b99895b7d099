package io.connectorkit.runtime.resources;

/** How a configuration ingests (spec §2.4): everything every time, or what changed since the last run's cursor. */
public enum IngestionStrategy {
    /** Each run ingests everything the resource holds. */
    SNAPSHOT,
    /** Each run ingests what changed since the cursor the previous run left. */
    INCREMENTAL
}
