package de.fallnetz.gateway.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

/** The audit trail of reads of personal data. */
@ApplicationScoped
public class AuditService {

    /** Until authentication arrives every caller is anonymous; the client address is recorded all the same. */
    public static final String ANONYMOUS = "anonymous";

    private final AgroalDataSource dataSource;

    public AuditService(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Commits the entry on its own, before the read it records, so that no read escapes the trail. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String actor, String client, String action, String caseId) {
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "insert into audit_log (actor, client, action, case_id) values (?, ?, ?, ?)")) {
            ps.setString(1, actor);
            ps.setString(2, client);
            ps.setString(3, action);
            ps.setString(4, caseId);
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not write the audit trail; the read is refused", e);
        }
    }

    /** One entry per case of a list read (a worklist page shows names), in one statement. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordAll(String actor, String client, String action, java.util.List<String> caseIds) {
        if (caseIds.isEmpty()) {
            return;
        }
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "insert into audit_log (actor, client, action, case_id) select ?, ?, ?, unnest(?::text[])")) {
            ps.setString(1, actor);
            ps.setString(2, client);
            ps.setString(3, action);
            ps.setArray(4, c.createArrayOf("text", caseIds.toArray()));
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not write the audit trail; the read is refused", e);
        }
    }
}
