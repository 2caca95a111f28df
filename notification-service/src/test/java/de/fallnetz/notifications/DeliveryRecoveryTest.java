package de.fallnetz.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.ServiceMetrics;
import de.fallnetz.notifications.config.NotificationClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * What a kill -9 in the middle of a delivery leaves behind: a message claimed (SENDING) whose outcome was never
 * recorded. Once its lease ends it goes out again, with the same Message-ID; while the lease lasts, nobody else takes
 * it.
 */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "notification-service"))
class DeliveryRecoveryTest {

    /** A lease no test's move of the service clock (days at most) reaches. */
    private static final Duration LIVE_LEASE = Duration.ofDays(3650);

    @Inject
    AgroalDataSource dataSource;

    /** The delivery worker's time, which other test classes of the same application may have moved forward. */
    @Inject
    NotificationClock clock;

    @Test
    void shouldSendAMessageLeftClaimedByACrashedWorkerOnceItsLeaseEndedWithTheSameMessageId() throws Exception {
        String expired = "crash-" + UUID.randomUUID() + "@example.org";
        String leased = "busy-" + UUID.randomUUID() + "@example.org";
        UUID expiredId = leftClaimed(expired, clock.instant().minusSeconds(1));
        UUID leasedId = leftClaimed(leased, clock.instant().plus(LIVE_LEASE));

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.of(expired).size() == 1);
        assertThat(Mailbox.of(expired).get(0).messageId()).isEqualTo("<" + expiredId + "@notifications.fallnetz>");
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(status(expiredId)));
        assertThat(attempts(expiredId)).isEqualTo(2);
        // The message still under a live lease is left to its (supposedly running) worker.
        assertThat(status(leasedId)).isEqualTo("SENDING");
        assertThat(Mailbox.of(leased)).isEmpty();
    }

    @Test
    void shouldCountTheResendInDoubtTheLatencyAndTheAgeOfTheOldestUndeliveredMessage() throws Exception {
        String metrics = "http://localhost:" + RestAssured.port;
        double before = ServiceMetrics.value(metrics, "fallnetz_notifications_deliveries_total",
                Map.of("channel", "email", "outcome", "resent_in_doubt"));
        String recipient = "doubt-" + UUID.randomUUID() + "@example.org";
        leftClaimed(recipient, clock.instant().minusSeconds(1));
        // Still on the wire by a (supposedly) running worker: undelivered, and so the oldest age is above zero.
        leftClaimed("stuck-" + UUID.randomUUID() + "@example.org", clock.instant().plus(LIVE_LEASE));

        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.of(recipient).size() == 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(ServiceMetrics.value(metrics, "fallnetz_notifications_deliveries_total",
                    Map.of("channel", "email", "outcome", "resent_in_doubt"))).isEqualTo(before + 1);
            assertThat(ServiceMetrics.value(metrics, "fallnetz_notifications_delivery_latency_seconds_count",
                    Map.of("channel", "email"))).isPositive();
            assertThat(ServiceMetrics.value(metrics, "fallnetz_notifications_delivery_latency_seconds_bucket",
                    Map.of("channel", "email"))).isPositive();
            assertThat(ServiceMetrics.value(metrics, "fallnetz_notifications_oldest_undelivered_seconds", Map.of()))
                    .isPositive();
        });
    }

    private UUID leftClaimed(String recipient, Instant leaseUntil) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into delivery (id, event_id, recipient, channel, case_id, subject, text_body, status, attempts,
                    next_attempt_at, lease_until, created_at)
                values (?, ?, ?, 'EMAIL', ?, 'Ihr Antrag ist eingegangen', 'Text', 'SENDING', 1, ?, ?, ?)""")) {
            ps.setObject(1, id);
            ps.setString(2, UUID.randomUUID().toString());
            ps.setString(3, recipient);
            ps.setString(4, UUID.randomUUID().toString());
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.setTimestamp(6, Timestamp.from(leaseUntil));
            ps.setTimestamp(7, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
        return id;
    }

    private String status(UUID id) throws SQLException {
        return one("select status from delivery where id = ?", id);
    }

    private int attempts(UUID id) throws SQLException {
        return Integer.parseInt(one("select attempts::text from delivery where id = ?", id));
    }

    private String one(String sql, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
