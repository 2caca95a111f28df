package de.fallnetz.gateway.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import de.fallnetz.gateway.identity.Caller;
import io.agroal.api.AgroalDataSource;

/**
 * The audit trail of reads of personal data: who (user, roles, office), from where, what (action, case, fields),
 * when, and on what grounds. Append-only: nothing here changes or deletes an entry, and the table refuses it.
 */
@ApplicationScoped
public class AuditService {

    private static final String INSERT = "insert into audit_log (actor, client, action, case_id, roles, office_id,"
            + " fields, grounds) ";

    private final AgroalDataSource dataSource;

    public AuditService(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What was read and why: the fields handed out and the legal grounds of the read. */
    public record Read(String action, String fields, String grounds) {
    }

    /** Commits the entry on its own, before the read it records, so that no read escapes the trail. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Caller caller, String client, Read read, String caseId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT + "values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(ps, caller, client, read);
            ps.setString(4, caseId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the audit trail; the read is refused", e);
        }
    }

    /** One entry per case of a list read (a worklist page shows names), in one statement. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordAll(Caller caller, String client, Read read, List<String> caseIds) {
        if (caseIds.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                INSERT + "select ?, ?, ?, unnest(?::text[]), ?, ?, ?, ?")) {
            bind(ps, caller, client, read);
            ps.setArray(4, c.createArrayOf("text", caseIds.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the audit trail; the read is refused", e);
        }
    }

    private static void bind(PreparedStatement ps, Caller caller, String client, Read read) throws SQLException {
        ps.setString(1, caller.actor());
        ps.setString(2, client);
        ps.setString(3, read.action());
        ps.setString(5, String.join(",", caller.roles()));
        ps.setString(6, caller.officeId());
        ps.setString(7, read.fields());
        ps.setString(8, read.grounds());
    }

    /** One entry as the data-protection officer sees it. */
    public record Entry(long id, Instant at, String actor, String roles, String officeId, String client,
            String action, String caseId, String fields, String grounds) {
    }

    /** Entries matching every given filter, newest first, {@code limit} at most, older than entry {@code before}. */
    public List<Entry> search(String actor, String caseId, String action, Instant from, Instant to, Long before,
            int limit) {
        StringBuilder sql = new StringBuilder("select id, at, actor, roles, office_id, client, action, case_id,"
                + " fields, grounds from audit_log where true");
        List<Object> args = new ArrayList<>();
        filter(sql, args, " and actor = ?", actor);
        filter(sql, args, " and case_id = ?", caseId);
        filter(sql, args, " and action = ?", action);
        filter(sql, args, " and at >= ?", from == null ? null : Timestamp.from(from));
        filter(sql, args, " and at < ?", to == null ? null : Timestamp.from(to));
        filter(sql, args, " and id < ?", before);
        sql.append(" order by id desc limit ").append(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the audit trail", e);
        }
    }

    private static void filter(StringBuilder sql, List<Object> args, String condition, Object value) {
        if (value != null) {
            sql.append(condition);
            args.add(value);
        }
    }
}
