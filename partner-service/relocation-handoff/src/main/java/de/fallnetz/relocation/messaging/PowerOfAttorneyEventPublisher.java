package de.fallnetz.relocation.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.contracts.events.PowerOfAttorneyExpired;
import de.fallnetz.contracts.events.PowerOfAttorneyGranted;
import de.fallnetz.contracts.events.PowerOfAttorneyRevoked;
import de.fallnetz.platform.messaging.outbox.Outbox;
import de.fallnetz.relocation.domain.PowerOfAttorneyEntity;

/** Writes the grants and revocations to partner.events, in the caller's transaction (outbox). */
@ApplicationScoped
public class PowerOfAttorneyEventPublisher {

    private final Outbox outbox;

    public PowerOfAttorneyEventPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    public void granted(PowerOfAttorneyEntity p, Instant now) {
        outbox.publish(new PowerOfAttorneyGranted(p.id.toString(), p.caseId, p.holder, p.grantor,
                p.parentId == null ? null : p.parentId.toString(), p.subDelegationAllowed, p.caseTypes, p.acts,
                p.validFrom, p.validUntil, now), now);
    }

    public void expired(PowerOfAttorneyEntity p, Instant validUntil, String reason, Instant now) {
        outbox.publish(new PowerOfAttorneyExpired(p.id.toString(), p.caseId, p.holder, validUntil, reason, now), now);
    }

    public void revoked(PowerOfAttorneyEntity p, Instant now) {
        outbox.publish(new PowerOfAttorneyRevoked(p.id.toString(), p.caseId, p.holder, p.revokedBy,
                p.revocationReason, now), now);
    }
}
