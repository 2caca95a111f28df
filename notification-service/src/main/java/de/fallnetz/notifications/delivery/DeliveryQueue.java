package de.fallnetz.notifications.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

/**
 * Writes messages into the delivery queue in the caller's transaction (the one that consumed the event), so a
 * message exists exactly when its event was applied. Once per event, recipient and channel: a second enqueue of the
 * same triple is a no-op.
 */
@ApplicationScoped
public class DeliveryQueue {

    public static final String EMAIL = "EMAIL";
    public static final String WEBHOOK = "WEBHOOK";

    /** What to deliver; {@code subject} and {@code htmlBody} are null for a webhook. */
    public record Outgoing(String eventId, String channel, String recipient, String caseId, UUID notificationId,
            UUID subscriptionId, String eventType, String subject, String textBody, String htmlBody) {
    }

    private static final String INSERT = """
            insert into delivery (id, event_id, recipient, channel, case_id, notification_id, subscription_id,
                event_type, subject, text_body, html_body, status, next_attempt_at, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)
            on conflict on constraint delivery_once do nothing""";

    private final AgroalDataSource dataSource;

    public DeliveryQueue(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return whether the message is new (false: this event already has it for this recipient and channel) */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean enqueue(Outgoing m, Instant now) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, m.eventId());
            ps.setString(3, m.recipient());
            ps.setString(4, m.channel());
            ps.setString(5, m.caseId());
            ps.setObject(6, m.notificationId());
            ps.setObject(7, m.subscriptionId());
            ps.setString(8, m.eventType());
            ps.setString(9, m.subject());
            ps.setString(10, m.textBody());
            ps.setString(11, m.htmlBody());
            ps.setTimestamp(12, Timestamp.from(now));
            ps.setTimestamp(13, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not queue a message for case " + m.caseId(), e);
        }
    }

    /** Withdrawal: nothing more for this case on this channel, except what is already on the wire. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int cancelPending(String caseId, String channel, String reason) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update delivery set status = 'CANCELLED', last_error = ?
                where case_id = ? and channel = ? and status = 'PENDING'""")) {
            ps.setString(1, reason);
            ps.setString(2, caseId);
            ps.setString(3, channel);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not cancel the messages of case " + caseId, e);
        }
    }
}
