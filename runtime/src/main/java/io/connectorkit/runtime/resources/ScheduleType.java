package io.connectorkit.runtime.resources;

/**
 * How a configuration's schedule definition reads (spec §2.4): {@code INTERVAL} ({@code 60m}, {@code 2h}, {@code 1d}),
 * {@code CRON} (a 5-field cron expression), or {@code GLOBAL} (the connector's {@code global_schedule}, no definition).
 */
public enum ScheduleType {
    /**
     * A run is due one interval after the start of the last one; the definition is a positive whole number and
     * {@code m}, {@code h} or {@code d}, either case ({@code 60m}, {@code 2h}).
     */
    INTERVAL,
    /**
     * A run is due at the first firing time of a 5-field cron expression (UTC) after the start of the last run, so a
     * firing missed during a long run is made up once.
     */
    CRON,
    /**
     * A run is due at every iteration of the scheduler, that is on the connector's {@code global_schedule}; the
     * configuration has no schedule definition of its own.
     */
    GLOBAL
}
