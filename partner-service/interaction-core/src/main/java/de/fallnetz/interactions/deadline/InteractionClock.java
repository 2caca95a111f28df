package de.fallnetz.interactions.deadline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The time every deadline is computed and fired by: the system clock plus an offset. The offset is zero in
 * production; {@code fallnetz.clock.offset} (e.g. {@code P15D}) shifts a running process, and tests move it with
 * {@link #advance} instead of sleeping.
 */
@Singleton
public class InteractionClock extends Clock {

    /** Deadlines end at 24:00 in this zone. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    private final Clock system = Clock.systemUTC();
    private volatile Duration offset;

    public InteractionClock(@ConfigProperty(name = "fallnetz.clock.offset", defaultValue = "PT0S") Duration offset) {
        this.offset = offset;
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
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(system, offset).withZone(zone);
    }
}
