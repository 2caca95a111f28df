package de.fallnetz.partners.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import de.fallnetz.contracts.events.CaseOpened;
import de.fallnetz.contracts.events.PartnerCaseRegistered;
import de.fallnetz.platform.messaging.outbox.Outbox;
import io.agroal.api.AgroalDataSource;

@ApplicationScoped
public class PartnerCaseService {

    /** One statement on the consumer's hot path instead of an entity lookup and a persist (see bench/README.md). */
    private static final String REGISTER = """
            insert into partner_case (case_id, case_type, office_id, registered_at) values (?, ?, ?, ?)
            on conflict (case_id) do nothing""";

    private final AgroalDataSource dataSource;
    private final Outbox outbox;

    public PartnerCaseService(AgroalDataSource dataSource, Outbox outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /** Takes a newly opened case into the register and announces it; runs in the consumer's inbox transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void register(CaseOpened opened) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(REGISTER)) {
            ps.setString(1, opened.caseId());
            ps.setString(2, opened.caseType());
            ps.setString(3, opened.officeId());
            ps.setTimestamp(4, Timestamp.from(now));
            if (ps.executeUpdate() == 0) {
                return;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not register case " + opened.caseId(), e);
        }
        outbox.publish(new PartnerCaseRegistered(opened.caseId(), opened.caseType(), now), now);
    }

    public Optional<PartnerCaseEntity> find(String caseId) {
        return PartnerCaseEntity.findByIdOptional(caseId);
    }
}
