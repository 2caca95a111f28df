package de.fallnetz.cases.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.FallnetzEvent;
import de.fallnetz.platform.messaging.outbox.Outbox;
import de.fallnetz.platform.messaging.outbox.OutboxConfig;

/** Publishes case-service's own events through the outbox and puts each on the case's timeline, in one transaction. */
@ApplicationScoped
public class CaseEvents {

    private final Outbox outbox;
    private final OutboxConfig config;

    public CaseEvents(Outbox outbox, OutboxConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(UUID caseId, FallnetzEvent event, Instant at) {
        UUID eventId = outbox.publish(event, at);
        TimelineService.append(caseId, eventId.toString(), EventType.of(event).type(), config.source(), at,
                TimelineService.summary(event));
        return eventId;
    }

    public String source() {
        return config.source();
    }
}
