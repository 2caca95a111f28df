package de.fallnetz.cases.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import de.fallnetz.contracts.events.NotificationRecorded;
import de.fallnetz.contracts.events.PartnerCaseRegistered;
import de.fallnetz.platform.messaging.inbox.ReceivedEvent;
import de.fallnetz.platform.messaging.inbox.UnreadableEventException;

/** Writes the timeline: one entry per event about a case, whichever service published it. */
@ApplicationScoped
public class TimelineService {

    /** Records an event another service published; runs inside the inbox transaction of the consumer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(ReceivedEvent event) {
        String summary = event.type().type();
        if (event.data() instanceof PartnerCaseRegistered) {
            summary = "Registered with the partner service for agency interactions";
        } else if (event.data() instanceof NotificationRecorded n) {
            summary = "Notification '" + n.template() + "' recorded for the " + n.recipientRole().toLowerCase()
                    + " (language " + n.language() + ")";
        }
        Instant time = event.time() != null ? event.time() : Instant.now();
        append(caseId(event), event.id(), event.type().type(), event.source(), time, summary);
    }

    private static UUID caseId(ReceivedEvent event) {
        try {
            return UUID.fromString(event.subject());
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("case ID " + event.subject() + " is not a case-service ID", e);
        }
    }

    static void append(UUID caseId, String eventId, String type, String source, Instant occurredAt, String summary) {
        TimelineEntryEntity entry = new TimelineEntryEntity();
        entry.caseId = caseId;
        entry.eventId = eventId;
        entry.eventType = type;
        entry.source = source;
        entry.occurredAt = occurredAt;
        entry.summary = summary;
        entry.persist();
    }
}
