package de.fallnetz.notifications.delivery;

import java.time.Instant;
import java.util.UUID;

/** A message the worker has reserved for one attempt. */
public record ClaimedDelivery(UUID id, String eventId, String channel, String recipient, String caseId,
        UUID subscriptionId, String eventType, String subject, String textBody, String htmlBody, int attempt,
        Instant createdAt) {
}
