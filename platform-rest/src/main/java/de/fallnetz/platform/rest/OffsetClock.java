package de.fallnetz.platform.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The system clock plus an offset: zero in production, {@code fallnetz.clock.offset} shifts a running process, and
 * tests move it with {@link #advance} instead of sleeping. Services subclass it as their own bean, in their zone.
 */
public abstract class OffsetClock extends Clock {

    private final Clock system = Clock.systemUTC();
    private final ZoneId zone;
    private volatile Duration offset;

    protected OffsetClock(Duration offset, ZoneId zone) {
        this.offset = offset;
        this.zone = zone;
    }

    /** Moves the clock forward (tests). */
    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return Clock.offset(system, offset).withZone(other);
    }
}
