package de.fallnetz.notifications.config;

import java.time.Duration;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import de.fallnetz.platform.rest.OffsetClock;

/**
 * The time reminders are planned and fired by, and the delivery worker's retries and rate-limit windows run on:
 * the system clock plus an offset. The offset is zero in production;
 * {@code fallnetz.clock.offset} shifts a running process, and tests move it with {@link #advance} instead of
 * sleeping (as interaction-core's InteractionClock).
 */
@Singleton
public class NotificationClock extends OffsetClock {

    public NotificationClock(@ConfigProperty(name = "fallnetz.clock.offset", defaultValue = "PT0S") Duration offset) {
        super(offset, ZoneOffset.UTC);
    }
}
