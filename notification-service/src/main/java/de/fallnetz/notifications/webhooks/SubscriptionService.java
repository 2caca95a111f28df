package de.fallnetz.notifications.webhooks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.agroal.api.AgroalDataSource;

/** Subscriptions, their secrets, and the dead letters and attempts of their deliveries. */
@ApplicationScoped
public class SubscriptionService {

    /** How long the previous secret keeps signing after a rotation. */
    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    private static final String COLUMNS = """
            id, partner_org, url, event_types, interaction_kinds, office_ids, contact_email, allow_private_network,
            status, paused_reason, created_at""";

    /** A delivery of a subscription with its attempts. */
    public record DeliveryView(UUID id, String eventId, String eventType, String caseId, String status, int attempts,
            Instant createdAt, Instant sentAt, String lastError, List<AttemptView> attemptLog) {
    }

    public record AttemptView(int attempt, Instant at, String outcome, Integer statusCode, long latencyMs,
            String error) {
    }

    private final AgroalDataSource dataSource;

    public SubscriptionService(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the subscription and its first secret; returns both. */
    @Transactional
    public Subscription create(String org, String url, List<String> eventTypes, List<String> kinds,
            List<String> offices, String contactEmail, boolean privateTarget, String secret) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        String status = privateTarget ? Subscription.AWAITING_APPROVAL : Subscription.ACTIVE;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into webhook_subscription (id, partner_org, url, event_types, interaction_kinds, office_ids,
                        contact_email, status, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setObject(1, id);
                ps.setString(2, org);
                ps.setString(3, url);
                ps.setArray(4, c.createArrayOf("text", eventTypes.toArray()));
                ps.setArray(5, c.createArrayOf("text", kinds.toArray()));
                ps.setArray(6, c.createArrayOf("text", offices.toArray()));
                ps.setString(7, contactEmail);
                ps.setString(8, status);
                ps.setTimestamp(9, Timestamp.from(now));
                ps.setTimestamp(10, Timestamp.from(now));
                ps.executeUpdate();
            }
            addSecret(c, id, secret, now);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a subscription", e);
        }
        return find(id).orElseThrow();
    }

    public Optional<Subscription> find(UUID id) {
        List<Subscription> found = query("select " + COLUMNS + " from webhook_subscription where id = ?", id);
        return found.stream().findFirst();
    }

    /** The subscription if it belongs to the organisation; another's does not exist for it. */
    public Optional<Subscription> find(UUID id, String org) {
        return find(id).filter(s -> s.partnerOrg().equals(org));
    }

    public List<Subscription> ofOrganisation(String org) {
        return query("select " + COLUMNS + " from webhook_subscription where partner_org = ? order by created_at",
                org);
    }

    /** Subscriptions of the organisation that want this event type, interaction kind and office. */
    public List<Subscription> matching(String org, String eventType, String kind, String officeId) {
        return query("select " + COLUMNS + """
                 from webhook_subscription
                where partner_org = ? and ? = any(event_types)
                  and (cardinality(interaction_kinds) = 0 or ? = any(interaction_kinds))
                  and (cardinality(office_ids) = 0 or ? = any(office_ids))""", org, eventType, kind, officeId);
    }

    @Transactional
    public void delete(UUID id) {
        update("update delivery set status = 'CANCELLED', last_error = 'subscription deleted' "
                + "where subscription_id = ? and status = 'PENDING'", id);
        update("delete from webhook_subscription where id = ?", id);
    }

    /** A new signing secret; the others stay valid for {@link #ROTATION_OVERLAP}. */
    @Transactional
    public String rotate(UUID id, String secret) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        update("update webhook_secret set expires_at = ? where subscription_id = ? and expires_at is null",
                Timestamp.from(now.plus(ROTATION_OVERLAP)), id);
        try (Connection c = dataSource.getConnection()) {
            addSecret(c, id, secret, now);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return secret;
    }

    /** The secrets that sign now, newest first. */
    public List<String> signingSecrets(UUID id) {
        List<String> secrets = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select secret from webhook_secret where subscription_id = ? and (expires_at is null or expires_at > ?)
                order by created_at desc""")) {
            ps.setObject(1, id);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    secrets.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return secrets;
    }

    @Transactional
    public void setStatus(UUID id, String status, String reason) {
        update("update webhook_subscription set status = ?, paused_reason = ?, updated_at = ? where id = ?", status,
                reason, Timestamp.from(Instant.now()), id);
    }

    /** Operator: the subscription may call a private-network address (local runs, tests, on-premises partners). */
    @Transactional
    public void allowPrivateNetwork(UUID id, boolean allowed) {
        update("""
                update webhook_subscription set allow_private_network = ?, updated_at = ?,
                    status = case when status = 'AWAITING_APPROVAL' and ? then 'ACTIVE' else status end
                where id = ?""", allowed, Timestamp.from(Instant.now()), allowed, id);
    }

    public List<DeliveryView> deliveries(UUID subscriptionId, String status) {
        List<DeliveryView> views = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select id, event_id, event_type, case_id, status, attempts, created_at, sent_at, last_error
                from delivery where subscription_id = ? and (? is null or status = ?) order by seq""")) {
            ps.setObject(1, subscriptionId);
            ps.setString(2, status);
            ps.setString(3, status);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    Timestamp sent = rs.getTimestamp(8);
                    views.add(new DeliveryView(id, rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getTimestamp(7).toInstant(),
                            sent == null ? null : sent.toInstant(), rs.getString(9), attempts(c, id)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return views;
    }

    /** Puts dead letters (one, or all with {@code deliveryId} null) back into the queue and resumes the subscription. */
    @Transactional
    public int replay(UUID subscriptionId, UUID deliveryId) {
        int replayed;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update delivery set status = 'PENDING', attempts = 0, next_attempt_at = ?, last_error = null
                where subscription_id = ? and status = 'DEAD' and (?::uuid is null or id = ?::uuid)""")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setObject(2, subscriptionId);
            ps.setObject(3, deliveryId);
            ps.setObject(4, deliveryId);
            replayed = ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (replayed > 0) {
            update("update webhook_subscription set status = 'ACTIVE', paused_reason = null, updated_at = ? "
                    + "where id = ? and status = 'PAUSED'", Timestamp.from(Instant.now()), subscriptionId);
        }
        return replayed;
    }

    private static List<AttemptView> attempts(Connection c, UUID deliveryId) throws SQLException {
        List<AttemptView> attempts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select attempt, at, outcome, status_code, latency_ms, error from delivery_attempt
                where delivery_id = ? order by attempt""")) {
            ps.setObject(1, deliveryId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    attempts.add(new AttemptView(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            (Integer) rs.getObject(4), rs.getLong(5), rs.getString(6)));
                }
            }
        }
        return attempts;
    }

    private static void addSecret(Connection c, UUID id, String secret, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into webhook_secret (subscription_id, secret, created_at) values (?, ?, ?)")) {
            ps.setObject(1, id);
            ps.setString(2, secret);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    private List<Subscription> query(String sql, Object... params) {
        List<Subscription> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Subscription(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            list(rs, 4), list(rs, 5), list(rs, 6), rs.getString(7), rs.getBoolean(8),
                            rs.getString(9), rs.getString(10), rs.getTimestamp(11).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    private static List<String> list(ResultSet rs, int column) throws SQLException {
        return Arrays.asList((String[]) rs.getArray(column).getArray());
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
