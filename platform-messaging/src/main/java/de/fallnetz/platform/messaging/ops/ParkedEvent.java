package de.fallnetz.platform.messaging.ops;

import java.time.Instant;

/**
 * A parked event as operators see it: what, which case, which consumer, why and how often; never its data, which may
 * hold personal data. {@code status} is {@code parked}, {@code retried} (sent back, not parked again since) or
 * {@code discarded}.
 */
public record ParkedEvent(long id, String consumer, String topic, String eventId, String type, String source,
        String caseId, String error, int attempts, Instant firstParkedAt, Instant parkedAt, String status,
        Instant resolvedAt, String resolvedBy, String reason) {
}
