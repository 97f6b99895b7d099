package io.connectorkit.runtime.resources;

/** How a configuration ingests (spec §2.4): everything every time, or what changed since the last run's cursor. */
public enum IngestionStrategy {
    SNAPSHOT,
    INCREMENTAL
}
