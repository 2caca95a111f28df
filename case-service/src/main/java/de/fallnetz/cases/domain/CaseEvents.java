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
    private final TimelineService timeline;

    public CaseEvents(Outbox outbox, OutboxConfig config, TimelineService timeline) {
        this.outbox = outbox;
        this.config = config;
        this.timeline = timeline;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(UUID caseId, FallnetzEvent event, Instant at) {
        UUID eventId = outbox.publish(event, at);
        timeline.append(caseId, eventId.toString(), EventType.of(event).type(), config.source(), at,
                TimelineService.summary(event));
        return eventId;
    }

    /** A timeline entry that is not an event (see docs/events.md), from this service. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void note(UUID caseId, String type, Instant at, String summary) {
        timeline.append(caseId, UUID.randomUUID().toString(), type, config.source(), at, summary);
    }
}
