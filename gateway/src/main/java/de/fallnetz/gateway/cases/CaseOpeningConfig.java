package de.fallnetz.gateway.cases;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code fallnetz.gateway.case-opening.*}: how many case openings the gateway lets through to the case service at
 * once. Beyond that it answers 503 at once instead of queueing without bound, which under a retry storm after an
 * outage ran it out of heap.
 */
@ConfigMapping(prefix = "fallnetz.gateway.case-opening")
public interface CaseOpeningConfig {

    /** Openings waiting for the case service at the same time. */
    @WithDefault("32")
    int maxConcurrent();

    /** Openings that may wait for one of those places; any more are refused. */
    @WithDefault("32")
    int maxWaiting();

    /** The {@code Retry-After} of a refused opening: short, since the places free up within the case service's timeout. */
    @WithDefault("2s")
    Duration retryAfter();
}
