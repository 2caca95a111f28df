package de.fallnetz.interactions.domain;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * How long partners take to answer, for the business dashboard:
 * {@code fallnetz_interactions_response_seconds{kind,outcome}} from the request to the partner's answer (pauses for
 * information included: the office waits through them too). Deemed consents are not answers and are counted by the
 * deadline scheduler's timers instead.
 */
@ApplicationScoped
public class InteractionMetrics {

    private final MeterRegistry registry;

    public InteractionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void answered(InteractionRequestEntity r, Instant answeredAt) {
        if (r.requestedAt == null) {
            return;
        }
        Timer.builder("fallnetz.interactions.response")
                .description("Time from an interaction's request to the partner's answer")
                .tags("kind", r.kind, "outcome", r.outcome == null ? "none" : r.outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMinutes(1)).maximumExpectedValue(Duration.ofDays(120))
                .register(registry)
                .record(Duration.between(r.requestedAt, answeredAt));
    }
}
