package de.fallnetz.interactions.deadline;

import java.time.Duration;
import java.time.ZoneId;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import de.fallnetz.platform.rest.OffsetClock;

/**
 * The time every deadline is computed and fired by: the system clock plus an offset. The offset is zero in
 * production; {@code fallnetz.clock.offset} (e.g. {@code P15D}) shifts a running process, and tests move it with
 * {@link #advance} instead of sleeping.
 */
@Singleton
public class InteractionClock extends OffsetClock {

    /** Deadlines end at 24:00 in this zone. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    public InteractionClock(@ConfigProperty(name = "fallnetz.clock.offset", defaultValue = "PT0S") Duration offset) {
        super(offset, ZONE);
    }
}
