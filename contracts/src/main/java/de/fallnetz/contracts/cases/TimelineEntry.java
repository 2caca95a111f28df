package de.fallnetz.contracts.cases;

import java.time.Instant;

/**
 * One hop in a case's life: an event that a service published about the case.
 *
 * @param eventId the CloudEvent ID
 * @param type the CloudEvent type
 * @param source the service that published it
 * @param occurredAt the CloudEvent time
 * @param summary a short human-readable line
 */
public record TimelineEntry(String eventId, String type, String source, Instant occurredAt, String summary) {
}
