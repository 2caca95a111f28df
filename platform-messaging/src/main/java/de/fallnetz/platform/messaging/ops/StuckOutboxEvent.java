package de.fallnetz.platform.messaging.ops;

/**
 * An outbox row not yet acknowledged by Kafka that needs a look: parked by the relay, refused at least once, or
 * older than a minute. No data, only what identifies it.
 */
public record StuckOutboxEvent(long id, String eventId, String type, String topic, String caseId, int attempts,
        String lastError, long ageSeconds, boolean parked) {
}
