package io.connectorkit.runtime.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test sets and moves; the scheduler reads it through {@code ConnectorDefinition.builder().clock(...)}. */
public final class MutableClock extends Clock {

    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public MutableClock set(Instant instant) {
        this.now = instant;
        return this;
    }

    public MutableClock set(String isoInstant) {
        return set(Instant.parse(isoInstant));
    }

    public MutableClock advance(Duration duration) {
        this.now = now.plus(duration);
        return this;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
