package de.fallnetz.platform.messaging.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import de.fallnetz.platform.messaging.inbox.InboxConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the outbox and inbox tables from growing without bound: sent events and remembered event IDs are deleted
 * once they are older than their retention. Unsent events are never deleted.
 */
@ApplicationScoped
public class MessagingHousekeeping {

    private static final Logger LOG = Logger.getLogger(MessagingHousekeeping.class);

    private final AgroalDataSource dataSource;
    private final OutboxConfig outbox;
    private final InboxConfig inbox;

    public MessagingHousekeeping(AgroalDataSource dataSource, OutboxConfig outbox, InboxConfig inbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.inbox = inbox;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            Removed removed = removeExpired(Instant.now());
            if (removed.sent() + removed.applied() > 0) {
                LOG.infof("Housekeeping removed %d sent outbox events and %d applied event IDs", removed.sent(),
                        removed.applied());
            }
        } catch (SQLException e) {
            LOG.warnf("Housekeeping failed, trying again in an hour: %s", e.toString());
        }
    }

    /** Deletes what has expired at {@code now}; returns how many rows of each table went. */
    public Removed removeExpired(Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int sent = delete(c, "delete from outbox_event where published_at is not null and published_at < ?",
                    now.minus(outbox.retention()));
            int applied = delete(c, "delete from processed_event where processed_at < ?",
                    now.minus(inbox.retention()));
            return new Removed(sent, applied);
        }
    }

    private static int delete(Connection c, String sql, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        }
    }

    public record Removed(int sent, int applied) {
    }
}
