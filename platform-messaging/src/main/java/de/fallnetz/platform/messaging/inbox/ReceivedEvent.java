package de.fallnetz.platform.messaging.inbox;

import java.time.Instant;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.FallnetzEvent;

/**
 * An event as a consumer sees it: the CloudEvent attributes, the typed data, and the W3C trace context it was
 * published in ({@code traceparent}, null when it came untraced).
 */
public record ReceivedEvent(String id, EventType type, String source, Instant time, String subject,
        FallnetzEvent data, String traceparent) {

    public ReceivedEvent(String id, EventType type, String source, Instant time, String subject, FallnetzEvent data) {
        this(id, type, source, time, subject, data, null);
    }
}
