package de.fallnetz.platform.messaging.inbox;

import java.time.Instant;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.FallnetzEvent;

/** An event as a consumer sees it: the CloudEvent attributes and the typed data. */
public record ReceivedEvent(String id, EventType type, String source, Instant time, String subject,
        FallnetzEvent data) {
}
