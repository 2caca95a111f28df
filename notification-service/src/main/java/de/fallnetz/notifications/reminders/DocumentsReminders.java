package de.fallnetz.notifications.reminders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.notifications.config.NotificationClock;
import de.fallnetz.notifications.domain.NotificationService;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Fires the applicants' deadline reminders: claims due rows of {@code documents_reminder} (FOR UPDATE SKIP LOCKED, so
 * two instances never take the same one) and, in the same transaction, queues the mail and marks the row done. A
 * crash before the commit leaves the row due; after it, the row is done: each reminder fires once.
 */
@ApplicationScoped
public class DocumentsReminders {

    private static final int BATCH = 50;

    private final AgroalDataSource dataSource;
    private final NotificationService notifications;
    private final NotificationClock clock;

    public DocumentsReminders(AgroalDataSource dataSource, NotificationService notifications,
            NotificationClock clock) {
        this.dataSource = dataSource;
        this.notifications = notifications;
        this.clock = clock;
    }

    @Scheduled(every = "${fallnetz.notifications.reminders.scan-interval:1m}", identity = "documents-reminders",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scan() {
        int claimed;
        do {
            claimed = remindDue();
        } while (claimed == BATCH);
    }

    /** One round in one transaction; returns how many reminders were due. */
    public int remindDue() {
        return QuarkusTransaction.requiringNew().call(() -> remindDue(clock.instant()));
    }

    private int remindDue(Instant now) throws SQLException {
        int claimed = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement("""
                select case_id, request_event_id, due_at from documents_reminder
                where status = 'PENDING' and remind_at <= ?
                order by remind_at limit ? for update skip locked""");
                PreparedStatement done = c.prepareStatement(
                        "update documents_reminder set status = ?, done_at = ? where case_id = ?")) {
            select.setTimestamp(1, Timestamp.from(now));
            select.setInt(2, BATCH);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    claimed++;
                    String caseId = rs.getString(1);
                    boolean sent = notifications.remindOfDocuments(rs.getString(2), caseId,
                            rs.getTimestamp(3).toInstant(), now);
                    done.setString(1, sent ? "SENT" : "SKIPPED");
                    done.setTimestamp(2, Timestamp.from(now));
                    done.setString(3, caseId);
                    done.executeUpdate();
                }
            }
        }
        return claimed;
    }
}
