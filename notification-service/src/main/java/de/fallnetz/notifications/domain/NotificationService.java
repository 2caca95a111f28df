package de.fallnetz.notifications.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import de.fallnetz.contracts.events.CaseOpened;
import de.fallnetz.contracts.events.NotificationRecorded;
import de.fallnetz.platform.messaging.outbox.Outbox;

@ApplicationScoped
public class NotificationService {

    static final String CASE_RECEIPT = "case-receipt";
    static final String APPLICANT = "APPLICANT";

    private final NotificationTexts texts;
    private final Outbox outbox;

    public NotificationService(NotificationTexts texts, Outbox outbox) {
        this.texts = texts;
        this.outbox = outbox;
    }

    /**
     * Writes the applicant's receipt for a new case, in their language, and announces it. Status RECORDED: sending
     * it by e-mail or to a portal is the job of a delivery channel, which does not exist yet.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void caseOpened(CaseOpened opened) {
        NotificationTexts.Text text = texts.caseReceipt(opened.applicantLanguage(), opened.caseType(),
                opened.officeId(), opened.caseId());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        NotificationEntity n = new NotificationEntity();
        n.id = UUID.randomUUID();
        n.caseId = opened.caseId();
        n.recipientRole = APPLICANT;
        n.template = CASE_RECEIPT;
        n.requestedLanguage = opened.applicantLanguage();
        n.language = text.language();
        n.subject = text.subject();
        n.body = text.body();
        n.status = "RECORDED";
        n.recordedAt = now;
        n.persist();
        outbox.publish(new NotificationRecorded(n.id.toString(), n.caseId, n.recipientRole, n.template, n.language,
                now), now);
    }

    public List<NotificationEntity> ofCase(String caseId) {
        return NotificationEntity.ofCase(caseId);
    }
}
