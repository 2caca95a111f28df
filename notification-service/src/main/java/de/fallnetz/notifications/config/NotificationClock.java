package de.fallnetz.notifications.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The time reminders are planned and fired by: the system clock plus an offset. The offset is zero in production;
 * {@code fallnetz.clock.offset} shifts a running process, and tests move it with {@link #advance} instead of
 * sleeping (as interaction-core's InteractionClock).
 */
@Singleton
public class NotificationClock extends Clock {

    private final Clock system = Clock.systemUTC();
    private volatile Duration offset;

    public NotificationClock(@ConfigProperty(name = "fallnetz.clock.offset", defaultValue = "PT0S") Duration offset) {
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
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(system, offset).withZone(zone);
    }
}
