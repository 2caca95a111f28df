package de.fallnetz.notifications.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import de.fallnetz.notifications.config.NotificationConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Delivers the queue: claims due messages (a committed lease, so two workers never take the same one), sends each
 * through its channel outside any transaction, and records the outcome. Per case and recipient, a message waits until
 * the ones before it are delivered or dead-lettered, which keeps webhooks in case order.
 * <p>
 * A crash between sending and recording leaves the message claimed; when the lease ends it is sent again with the
 * same Message-ID / webhook-id (at least once after a crash; exactly once otherwise; see the service docs).
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private static final String CLAIM = """
            update delivery d set status = 'SENDING', lease_until = ?, attempts = d.attempts + 1
            from (
                select x.id from delivery x
                where ((x.status = 'PENDING' and x.next_attempt_at <= ?) or (x.status = 'SENDING' and x.lease_until < ?))
                  and not exists (select 1 from delivery e where e.case_id = x.case_id and e.recipient = x.recipient
                                  and e.channel = x.channel and e.seq < x.seq and e.status in ('PENDING', 'SENDING'))
                  and (x.subscription_id is null or exists (select 1 from webhook_subscription w
                                  where w.id = x.subscription_id and w.status = 'ACTIVE'))
                  and (x.channel <> 'EMAIL' or (select count(*) from delivery s where s.recipient = x.recipient
                                  and s.channel = 'EMAIL' and s.sent_at > ?) < ?)
                order by x.seq
                limit ?
                for update skip locked) due
            where d.id = due.id
            returning d.id, d.event_id, d.channel, d.recipient, d.case_id, d.subscription_id, d.event_type, d.subject,
                d.text_body, d.html_body, d.attempts, d.created_at, d.seq""";

    /** What happened to one message; observed by the webhook subscriptions to pause failing ones. */
    public record Outcome(ClaimedDelivery delivery, Channel.Result result, boolean deadLettered) {
    }

    private final AgroalDataSource dataSource;
    private final NotificationConfig.Delivery config;
    private final Map<String, Channel> channels;
    private final DeliveryMetrics metrics;
    private final Event<Outcome> outcomes;

    public DeliveryWorker(AgroalDataSource dataSource, NotificationConfig config, Instance<Channel> channels,
            DeliveryMetrics metrics, Event<Outcome> outcomes) {
        this.dataSource = dataSource;
        this.config = config.delivery();
        this.channels = channels.stream().collect(Collectors.toMap(Channel::name, Function.identity()));
        this.metrics = metrics;
        this.outcomes = outcomes;
    }

    @Scheduled(every = "${fallnetz.notifications.delivery.poll-interval:1s}", identity = "delivery-worker",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        int delivered;
        do {
            delivered = deliverDue();
        } while (delivered == config.batchSize());
    }

    /** One round: claim, send, record. Returns how many messages were claimed. */
    public int deliverDue() {
        List<ClaimedDelivery> claimed = QuarkusTransaction.requiringNew().call(this::claim);
        for (ClaimedDelivery d : claimed) {
            Channel channel = channels.get(d.channel());
            long t0 = System.nanoTime();
            Channel.Result result = channel == null ? Channel.Result.failed(null, "no channel " + d.channel())
                    : channel.send(d);
            long latencyMs = (System.nanoTime() - t0) / 1_000_000;
            try {
                QuarkusTransaction.requiringNew().run(() -> record(d, result, latencyMs));
            } catch (RuntimeException e) {
                // The lease runs out and the message is tried again: at least once, never lost.
                LOG.errorf(e, "Could not record the outcome of delivery %s", d.id());
            }
        }
        return claimed.size();
    }

    private List<ClaimedDelivery> claim() {
        Instant now = Instant.now();
        List<ClaimedDelivery> claimed = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setTimestamp(1, Timestamp.from(now.plus(config.lease())));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setTimestamp(4, Timestamp.from(now.minus(Duration.ofHours(1))));
            ps.setInt(5, config.perRecipientPerHour());
            ps.setInt(6, config.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new ClaimedDelivery(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getInt(11),
                            rs.getTimestamp(12).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim due deliveries", e);
        }
        // The update returns rows in no particular order; send in queue order.
        claimed.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return claimed;
    }

    private void record(ClaimedDelivery d, Channel.Result result, long latencyMs) {
        Instant now = Instant.now();
        boolean dead = !result.delivered() && d.attempt() >= config.maxAttempts();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into delivery_attempt (delivery_id, attempt, at, outcome, status_code, latency_ms, error)
                    values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
                ps.setObject(1, d.id());
                ps.setInt(2, d.attempt());
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setString(4, result.delivered() ? "DELIVERED" : "FAILED");
                ps.setObject(5, result.statusCode());
                ps.setLong(6, latencyMs);
                ps.setString(7, truncate(result.error()));
                ps.executeUpdate();
            }
            if (result.delivered()) {
                try (PreparedStatement ps = c.prepareStatement("""
                        update delivery set status = 'SENT', sent_at = ?, lease_until = null, last_error = null
                        where id = ?""")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setObject(2, d.id());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        update notification set status = 'SENT'
                        where id = (select notification_id from delivery where id = ?)""")) {
                    ps.setObject(1, d.id());
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("""
                        update delivery set status = ?, next_attempt_at = ?, lease_until = null, last_error = ?
                        where id = ?""")) {
                    ps.setString(1, dead ? "DEAD" : "PENDING");
                    ps.setTimestamp(2, Timestamp.from(now.plus(backoff(d.attempt()))));
                    ps.setString(3, truncate(result.error()));
                    ps.setObject(4, d.id());
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record delivery " + d.id(), e);
        }
        metrics.attempt(d, result, dead, Duration.between(d.createdAt(), now));
        outcomes.fire(new Outcome(d, result, dead));
    }

    /** Exponential back-off with ±20 % jitter, so that many failing messages do not retry in step. */
    Duration backoff(int attempt) {
        double base = config.initialBackoff().toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(base, config.maxBackoff().toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (capped * jitter));
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
