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

import de.fallnetz.notifications.config.NotificationClock;
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

    /**
     * Locks a batch of due messages, then claims those the rate limit lets through: per address, the mails sent
     * within the window plus those on the wire plus those earlier in this batch stay within the limit. Locked rows
     * left out are released at commit and wait, PENDING, for a later round.
     */
    private static final String CLAIM = """
            with candidate as (
                select x.id, x.recipient, x.channel, x.seq, x.status from delivery x
                where ((x.status = 'PENDING' and x.next_attempt_at <= ?) or (x.status = 'SENDING' and x.lease_until < ?))
                  and not exists (select 1 from delivery e where e.case_id = x.case_id and e.recipient = x.recipient
                                  and e.channel = x.channel and e.seq < x.seq and e.status in ('PENDING', 'SENDING'))
                  and (x.subscription_id is null or exists (select 1 from webhook_subscription w
                                  where w.id = x.subscription_id and w.status = 'ACTIVE'))
                  -- an address already at its limit does not take up room in the batch
                  and (x.channel <> 'EMAIL' or (select count(*) from delivery s where s.recipient = x.recipient
                                  and s.channel = 'EMAIL' and s.sent_at > ?) < ?)
                order by x.seq
                limit ?
                for update skip locked),
            allowed as (
                select c.id, c.status = 'SENDING' as in_doubt from (
                    select c.id, c.channel, c.status,
                        row_number() over (partition by c.recipient, c.channel order by c.seq) as nth,
                        (select count(*) from delivery s where s.recipient = c.recipient and s.channel = 'EMAIL'
                            and (s.sent_at > ? or (s.status = 'SENDING' and s.lease_until >= ?))) as used
                    from candidate c) c
                where c.channel <> 'EMAIL' or c.used + c.nth <= ?)
            update delivery d set status = 'SENDING', lease_until = ?, attempts = d.attempts + 1
            from allowed a
            where d.id = a.id
            returning d.id, d.event_id, d.channel, d.recipient, d.case_id, d.subscription_id, d.event_type, d.subject,
                d.text_body, d.html_body, d.attempts, d.created_at, d.seq, a.in_doubt""";

    /** What happened to one message; observed by the webhook subscriptions to pause failing ones. */
    public record Outcome(ClaimedDelivery delivery, Channel.Result result, boolean deadLettered) {
    }

    private final AgroalDataSource dataSource;
    private final NotificationConfig.Delivery config;
    private final Map<String, Channel> channels;
    private final DeliveryMetrics metrics;
    private final Event<Outcome> outcomes;
    private final NotificationClock clock;

    public DeliveryWorker(AgroalDataSource dataSource, NotificationConfig config, Instance<Channel> channels,
            DeliveryMetrics metrics, Event<Outcome> outcomes, NotificationClock clock) {
        this.dataSource = dataSource;
        this.config = config.delivery();
        this.channels = channels.stream().collect(Collectors.toMap(Channel::name, Function.identity()));
        this.metrics = metrics;
        this.outcomes = outcomes;
        this.clock = clock;
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
        Instant now = clock.instant();
        List<ClaimedDelivery> claimed = new ArrayList<>();
        List<ClaimedDelivery> inDoubt = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM)) {
            Timestamp windowStart = Timestamp.from(now.minus(config.perRecipientWindow()));
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, windowStart);
            ps.setInt(4, config.perRecipientLimit());
            ps.setInt(5, config.batchSize());
            ps.setTimestamp(6, windowStart);
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setInt(8, config.perRecipientLimit());
            ps.setTimestamp(9, Timestamp.from(now.plus(config.lease())));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new ClaimedDelivery(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getInt(11),
                            rs.getTimestamp(12).toInstant()));
                    if (rs.getBoolean(14)) {
                        inDoubt.add(claimed.get(claimed.size() - 1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not claim due deliveries", e);
        }
        for (ClaimedDelivery d : inDoubt) {
            // Claimed by a worker that died before recording: it may have gone out. Sent again with the same
            // Message-ID / webhook-id, which deduplicating receivers drop (see the service docs).
            LOG.warnf("Delivery %s (attempt %d) was left in doubt by a stopped worker; sent again with the same id",
                    d.id(), d.attempt());
            metrics.inDoubt(d);
        }
        // The update returns rows in no particular order; send in queue order.
        claimed.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
        return claimed;
    }

    private void record(ClaimedDelivery d, Channel.Result result, long latencyMs) {
        Instant now = clock.instant();
        boolean dead = !result.delivered() && d.attempt() >= config.maxAttempts();
        try (Connection c = dataSource.getConnection()) {
            // The log numbers every attempt of the delivery's whole life: a replay starts the delivery's own count
            // (attempts, which decides when it is dead) from 0 again, but its attempts follow the earlier ones here.
            // Only the worker holding the lease records, so the numbering has no race.
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into delivery_attempt (delivery_id, attempt, at, outcome, status_code, latency_ms, error)
                    select ?, coalesce(max(attempt), 0) + 1, ?, ?, ?, ?, ? from delivery_attempt where delivery_id = ?
                    """)) {
                ps.setObject(1, d.id());
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setString(3, result.delivered() ? "DELIVERED" : "FAILED");
                ps.setObject(4, result.statusCode());
                ps.setLong(5, latencyMs);
                ps.setString(6, truncate(result.error()));
                ps.setObject(7, d.id());
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
