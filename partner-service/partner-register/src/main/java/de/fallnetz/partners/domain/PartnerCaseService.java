package de.fallnetz.partners.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import de.fallnetz.contracts.events.CaseOpened;
import de.fallnetz.contracts.events.PartnerCaseRegistered;
import de.fallnetz.platform.messaging.outbox.Outbox;

@ApplicationScoped
public class PartnerCaseService {

    private final Outbox outbox;

    public PartnerCaseService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Takes a newly opened case into the register and announces it; runs in the consumer's inbox transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void register(CaseOpened opened) {
        if (PartnerCaseEntity.findById(opened.caseId()) != null) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        PartnerCaseEntity c = new PartnerCaseEntity();
        c.caseId = opened.caseId();
        c.caseType = opened.caseType();
        c.officeId = opened.officeId();
        c.registeredAt = now;
        c.persist();
        outbox.publish(new PartnerCaseRegistered(c.caseId, c.caseType, now), now);
    }

    public Optional<PartnerCaseEntity> find(String caseId) {
        return PartnerCaseEntity.findByIdOptional(caseId);
    }
}
