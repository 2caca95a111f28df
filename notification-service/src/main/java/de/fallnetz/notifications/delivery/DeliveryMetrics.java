package de.fallnetz.notifications.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code fallnetz_notifications_deliveries_total{channel,outcome=sent|failed|retried|dead_lettered|resent_in_doubt}},
 * {@code fallnetz_notifications_delivery_latency_seconds{channel}} (queued to delivered, a histogram) and
 * {@code fallnetz_notifications_oldest_undelivered_seconds} (age of the oldest message still waiting).
 */
@ApplicationScoped
public class DeliveryMetrics {

    private final MeterRegistry registry;

    public DeliveryMetrics(MeterRegistry registry, AgroalDataSource dataSource) {
        this.registry = registry;
        Gauge.builder("fallnetz.notifications.oldest.undelivered", dataSource, DeliveryMetrics::oldestUndelivered)
                .description("Age of the oldest message not yet delivered, in seconds")
                .baseUnit("seconds")
                .register(registry);
    }

    void attempt(ClaimedDelivery d, Channel.Result result, boolean dead, Duration sinceQueued) {
        String channel = d.channel().toLowerCase();
        if (d.attempt() > 1) {
            count(channel, "retried");
        }
        if (result.delivered()) {
            count(channel, "sent");
            Timer.builder("fallnetz.notifications.delivery.latency")
                    .description("From queued to delivered")
                    .tag("channel", channel)
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(sinceQueued);
        } else {
            count(channel, "failed");
            if (dead) {
                count(channel, "dead_lettered");
            }
        }
    }

    /** A message sent again after a worker died between sending it and recording that it was sent. */
    void inDoubt(ClaimedDelivery d) {
        count(d.channel().toLowerCase(), "resent_in_doubt");
    }

    private void count(String channel, String outcome) {
        Counter.builder("fallnetz.notifications.deliveries")
                .description("Delivery attempts by channel and outcome")
                .tag("channel", channel)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    private static double oldestUndelivered(AgroalDataSource dataSource) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select coalesce(extract(epoch from now() - min(created_at)), 0) from delivery
                where status in ('PENDING', 'SENDING')"""); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getDouble(1) : 0;
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
