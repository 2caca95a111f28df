package de.fallnetz.interactions.messaging;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.contracts.events.InteractionAnswered;
import de.fallnetz.contracts.events.InteractionCancellationConfirmed;
import de.fallnetz.contracts.events.InteractionClaimed;
import de.fallnetz.contracts.events.InteractionDeemedGranted;
import de.fallnetz.contracts.events.InteractionDelivered;
import de.fallnetz.contracts.events.InteractionEscalated;
import de.fallnetz.contracts.events.InteractionExpired;
import de.fallnetz.contracts.events.InteractionInformationRequested;
import de.fallnetz.interactions.domain.InteractionRequestEntity;
import de.fallnetz.platform.messaging.outbox.Outbox;

/** Writes each change of a request as its event on partner.events, in the caller's transaction (outbox). */
@ApplicationScoped
public class InteractionEventPublisher {

    private final Outbox outbox;

    public InteractionEventPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    public void delivered(InteractionRequestEntity r, Instant now) {
        outbox.publish(new InteractionDelivered(r.id, r.caseId, r.kind, r.partnerOrganisation, r.dueAt, now), now);
    }

    public void claimed(InteractionRequestEntity r, Instant now) {
        outbox.publish(new InteractionClaimed(r.id, r.caseId, r.kind, r.partnerOrganisation, r.claimedBy, now), now);
    }

    public void informationRequested(InteractionRequestEntity r, Instant now) {
        outbox.publish(new InteractionInformationRequested(r.id, r.caseId, r.kind, r.partnerOrganisation, r.missing,
                now), now);
    }

    public void answered(InteractionRequestEntity r, Instant now) {
        outbox.publish(new InteractionAnswered(r.id, r.caseId, r.kind, r.partnerOrganisation, r.outcome,
                Boolean.TRUE.equals(r.binding), r.reasons, r.conditions == null ? List.of() : r.conditions, now),
                now);
    }

    public void deemedGranted(InteractionRequestEntity r, Instant dueAt, Instant now) {
        outbox.publish(new InteractionDeemedGranted(r.id, r.caseId, r.kind, r.partnerOrganisation, r.legalBasis,
                dueAt, now), now);
    }

    public void escalated(InteractionRequestEntity r, String reason, Instant dueAt, Instant now) {
        outbox.publish(new InteractionEscalated(r.id, r.caseId, r.kind, r.partnerOrganisation, reason, dueAt, now),
                now);
    }

    public void cancellationConfirmed(InteractionRequestEntity r, String reason, Instant now) {
        outbox.publish(new InteractionCancellationConfirmed(r.id, r.caseId, r.kind, r.partnerOrganisation, reason,
                now), now);
    }

    public void expired(InteractionRequestEntity r, String reason, Instant now) {
        outbox.publish(new InteractionExpired(r.id, r.caseId, r.kind, r.partnerOrganisation, reason, now), now);
    }
}
