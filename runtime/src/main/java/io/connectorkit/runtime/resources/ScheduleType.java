package io.connectorkit.runtime.resources;

/**
 * How a configuration's schedule definition reads (spec §2.4): {@code INTERVAL} ({@code 60m}, {@code 2h}, {@code 1d}),
 * {@code CRON} (a 5-field cron expression), or {@code GLOBAL} (the connector's {@code global_schedule}, no definition).
 */
public enum ScheduleType {
    INTERVAL,
    CRON,
    GLOBAL
}
