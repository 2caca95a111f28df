package de.fallnetz.notifications.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import de.fallnetz.contracts.events.CaseOpened;
import de.fallnetz.contracts.events.NotificationRecorded;
import de.fallnetz.platform.messaging.outbox.Outbox;
import io.agroal.api.AgroalDataSource;

@ApplicationScoped
public class NotificationService {

    static final String CASE_RECEIPT = "case-receipt";
    static final String APPLICANT = "APPLICANT";

    /** One statement on the consumer's hot path instead of a persist (see bench/README.md). */
    private static final String RECORD = """
            insert into notification (id, case_id, recipient_role, template, requested_language, language, subject,
                body, status, recorded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final NotificationTexts texts;
    private final AgroalDataSource dataSource;
    private final Outbox outbox;

    public NotificationService(NotificationTexts texts, AgroalDataSource dataSource, Outbox outbox) {
        this.texts = texts;
        this.dataSource = dataSource;
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
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RECORD)) {
            ps.setObject(1, id);
            ps.setString(2, opened.caseId());
            ps.setString(3, APPLICANT);
            ps.setString(4, CASE_RECEIPT);
            ps.setString(5, opened.applicantLanguage());
            ps.setString(6, text.language());
            ps.setString(7, text.subject());
            ps.setString(8, text.body());
            ps.setString(9, "RECORDED");
            ps.setTimestamp(10, Timestamp.from(now));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record the receipt of case " + opened.caseId(), e);
        }
        outbox.publish(new NotificationRecorded(id.toString(), opened.caseId(), APPLICANT, CASE_RECEIPT,
                text.language(), now), now);
    }

    public List<NotificationEntity> ofCase(String caseId) {
        return NotificationEntity.ofCase(caseId);
    }
}
