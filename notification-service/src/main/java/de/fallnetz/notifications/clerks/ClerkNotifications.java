package de.fallnetz.notifications.clerks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import de.fallnetz.contracts.events.CaseTransferred;
import de.fallnetz.contracts.events.InteractionAnswered;
import de.fallnetz.contracts.events.InteractionDeemedGranted;
import de.fallnetz.contracts.events.InteractionDelivered;
import de.fallnetz.notifications.domain.NotificationService;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * In-app notifications for clerks, stored per office (so a clerk who was offline sees them at login) and pushed live
 * once their transaction committed. Once per event, office and kind. Texts are German, like the clerk UI.
 */
@ApplicationScoped
public class ClerkNotifications {

    private static final ZoneId OFFICE_ZONE = ZoneId.of("Europe/Berlin");

    private final AgroalDataSource dataSource;
    private final NotificationService cases;
    private final Event<ClerkNotification> created;
    private final Event<CaseChanged> changed;
    private final BroadcastProcessor<ClerkNotification> live = BroadcastProcessor.create();
    private final BroadcastProcessor<CaseChanged> changes = BroadcastProcessor.create();

    public ClerkNotifications(AgroalDataSource dataSource, NotificationService cases,
            Event<ClerkNotification> created, Event<CaseChanged> changed) {
        this.dataSource = dataSource;
        this.cases = cases;
        this.created = created;
        this.changed = changed;
    }

    /** Signals open pages of the office once the current transaction commits (nothing is stored). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void caseChanged(String officeId, String caseId, String eventType) {
        changed.fire(new CaseChanged(officeId, caseId, eventType));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void partnerAnswered(String eventId, InteractionAnswered a) {
        forgetDeadline(a.interactionId());
        officeOf(a.caseId()).ifPresent(office -> add(eventId, office, a.caseId(),
                ClerkNotification.PARTNER_ANSWERED,
                "Neue Antwort von " + a.partnerOrganisation() + " (" + a.kind() + "): " + a.outcome()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deemedConsent(String eventId, InteractionDeemedGranted d) {
        forgetDeadline(d.interactionId());
        officeOf(d.caseId()).ifPresent(office -> add(eventId, office, d.caseId(), ClerkNotification.DEEMED_CONSENT,
                "Zustimmung gilt als erteilt (" + d.kind() + ", " + d.legalBasis() + ")"));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void caseTransferredIn(String eventId, CaseTransferred t) {
        add(eventId, t.toOfficeId(), t.caseId(), ClerkNotification.CASE_TRANSFERRED_IN,
                "Verfahren von " + t.fromOfficeId() + " übernommen" + (t.reason() == null ? "" : ": " + t.reason()));
    }

    /** A partner's deadline started: remembered, to warn the office {@value #WARN_WORKING_DAYS} working days ahead. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void deadlineScheduled(String eventId, InteractionDelivered d) {
        if (d.dueAt() == null) {
            return;
        }
        officeOf(d.caseId()).ifPresent(office -> update("""
                insert into clerk_deadline (interaction_id, case_id, office_id, kind, partner_org, due_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (interaction_id) do update set due_at = excluded.due_at, alerted = false""",
                d.interactionId(), d.caseId(), office, d.kind(), d.partnerOrganisation(), Timestamp.from(d.dueAt())));
        // A deadline that is already close is due for a warning now, not at the next scan.
        warnDeadlines(Instant.now());
    }

    static final int WARN_WORKING_DAYS = 2;

    @Scheduled(every = "${fallnetz.notifications.deadline-scan:1m}", identity = "clerk-deadlines",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scanDeadlines() {
        QuarkusTransaction.requiringNew().run(() -> warnDeadlines(Instant.now()));
    }

    /** Warns about every deadline within {@value #WARN_WORKING_DAYS} working days (weekends skipped). */
    void warnDeadlines(Instant now) {
        Instant horizon = plusWorkingDays(now, WARN_WORKING_DAYS);
        List<String[]> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update clerk_deadline set alerted = true where not alerted and due_at <= ?
                returning interaction_id, case_id, office_id, kind, partner_org, due_at""")) {
            ps.setTimestamp(1, Timestamp.from(horizon));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant().atZone(OFFICE_ZONE).toLocalDate()
                                    .toString() });
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        for (String[] d : due) {
            add("deadline:" + d[0] + ":" + d[5], d[2], d[1], ClerkNotification.DEADLINE_SOON,
                    "Frist von " + d[4] + " (" + d[3] + ") endet am " + d[5]);
        }
    }

    static Instant plusWorkingDays(Instant from, int days) {
        ZonedDateTime t = from.atZone(OFFICE_ZONE);
        int added = 0;
        while (added < days) {
            t = t.plusDays(1);
            if (t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY) {
                added++;
            }
        }
        return t.toInstant();
    }

    /** The office's notifications, newest first, with the clerk's read marks and after {@code afterSeq} if given. */
    public List<ClerkNotification> list(String officeId, String clerk, boolean unreadOnly, int limit) {
        List<ClerkNotification> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select n.id, n.seq, n.office_id, n.case_id, n.kind, n.text, n.created_at, r.clerk is not null
                from clerk_notification n
                left join clerk_notification_read r on r.notification_id = n.id and r.clerk = ?
                where n.office_id = ? and (not ? or r.clerk is null)
                order by n.seq desc limit ?""")) {
            ps.setString(1, clerk);
            ps.setString(2, officeId);
            ps.setBoolean(3, unreadOnly);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new ClerkNotification(rs.getString(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                            rs.getBoolean(8)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    public long unread(String officeId, String clerk) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select count(*) from clerk_notification n
                where n.office_id = ? and not exists (select 1 from clerk_notification_read r
                    where r.notification_id = n.id and r.clerk = ?)""")) {
            ps.setString(1, officeId);
            ps.setString(2, clerk);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks one notification (or all of the office with {@code id} null) read for the clerk; returns how many. */
    @Transactional
    public int markRead(String officeId, String clerk, UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into clerk_notification_read (notification_id, clerk, read_at)
                select n.id, ?, ? from clerk_notification n
                where n.office_id = ? and (?::uuid is null or n.id = ?::uuid)
                on conflict do nothing""")) {
            ps.setString(1, clerk);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setString(3, officeId);
            ps.setObject(4, id);
            ps.setObject(5, id);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** New notifications of the office as they are committed. */
    public Multi<ClerkNotification> stream(String officeId) {
        return live.filter(n -> n.officeId().equals(officeId));
    }

    void publish(@Observes(during = TransactionPhase.AFTER_SUCCESS) ClerkNotification n) {
        live.onNext(n);
    }

    /** Changes of the office's cases as their transactions commit. */
    public Multi<CaseChanged> changes(String officeId) {
        return changes.filter(c -> c.officeId().equals(officeId));
    }

    void signal(@Observes(during = TransactionPhase.AFTER_SUCCESS) CaseChanged c) {
        changes.onNext(c);
    }

    private void add(String eventId, String officeId, String caseId, String kind, String text) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into clerk_notification (id, event_id, office_id, case_id, kind, text, created_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict on constraint clerk_notification_once do nothing
                returning seq""")) {
            ps.setObject(1, id);
            ps.setString(2, eventId);
            ps.setString(3, officeId);
            ps.setString(4, caseId);
            ps.setString(5, kind);
            ps.setString(6, text);
            ps.setTimestamp(7, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    created.fire(new ClerkNotification(id.toString(), rs.getLong(1), officeId, caseId, kind, text, now,
                            false));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private java.util.Optional<String> officeOf(String caseId) {
        return cases.contact(caseId).map(NotificationService.CaseContact::officeId);
    }

    private void forgetDeadline(String interactionId) {
        update("delete from clerk_deadline where interaction_id = ?", interactionId);
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
