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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.notifications.config.NotificationClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The per-recipient rate limit (here two mails per hour): a mail over the limit waits, none is dropped. The test
 * moves the service's clock past the window instead of waiting for it.
 */
@Tag("slow")
@QuarkusTest
@TestProfile(RateLimitTest.TwoMailsPerHour.class)
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "notification-service"))
class RateLimitTest {

    private static final Duration WINDOW = Duration.ofHours(1);

    public static class TwoMailsPerHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fallnetz.notifications.delivery.per-recipient-limit", "2",
                    "fallnetz.notifications.delivery.per-recipient-window", "1h");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    NotificationClock clock;

    @Test
    void shouldDeferTheThirdMailToOneAddressWithinTheWindowAndSendItOnceTheWindowHasRoom() throws Exception {
        String address = "busy-" + UUID.randomUUID() + "@example.org";
        List<UUID> ids = new ArrayList<>();
        // Three cases of one applicant, all due at once: one claim round sees all three.
        for (int i = 0; i < 3; i++) {
            ids.add(UUID.randomUUID());
        }
        queue(ids, address);

        await().atMost(Duration.ofSeconds(60)).until(() -> statuses(ids).stream().filter("SENT"::equals).count() == 2);
        awaitLaterDeliveryRound();
        // The third waits, queued, for the window to have room.
        assertThat(statuses(ids)).filteredOn("PENDING"::equals).hasSize(1);
        assertThat(Mailbox.of(address)).hasSize(2);

        clock.advance(WINDOW);
        await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.of(address).size() == 3);
        assertThat(Mailbox.of(address)).extracting(Mailbox.Mail::messageId).doesNotHaveDuplicates();
        assertThat(statuses(ids)).containsOnly("SENT");
        List<Instant> sent = sentTimes(ids);
        assertThat(Duration.between(sent.get(0), sent.get(2))).isGreaterThanOrEqualTo(WINDOW);
    }

    @Test
    void shouldNotHoldUpOtherAddressesBehindOneOverItsLimit() throws Exception {
        String busy = "busier-" + UUID.randomUUID() + "@example.org";
        String other = "other-" + UUID.randomUUID() + "@example.org";
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        queue(ids, busy);
        queue(List.of(UUID.randomUUID()), other);

        await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.of(other).size() == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.of(busy).size() == 2);

        clock.advance(WINDOW);
        await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.of(busy).size() == 4);
        assertThat(statuses(ids)).containsOnly("SENT");
    }

    /** A mail to a fresh address queued now and sent: the worker has run a whole round since. */
    private void awaitLaterDeliveryRound() throws SQLException {
        String probe = "probe-" + UUID.randomUUID() + "@example.org";
        queue(List.of(UUID.randomUUID()), probe);
        await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.of(probe).size() == 1);
    }

    private void queue(List<UUID> ids, String recipient) throws SQLException {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into delivery (id, event_id, recipient, channel, case_id, subject, text_body, status,
                    next_attempt_at, created_at)
                values (?, ?, ?, 'EMAIL', ?, 'Ihr Antrag ist eingegangen', 'Text', 'PENDING', ?, ?)""")) {
            for (UUID id : ids) {
                ps.setObject(1, id);
                ps.setString(2, UUID.randomUUID().toString());
                ps.setString(3, recipient);
                ps.setString(4, UUID.randomUUID().toString());
                ps.setTimestamp(5, Timestamp.from(now));
                ps.setTimestamp(6, Timestamp.from(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private List<String> statuses(List<UUID> ids) throws SQLException {
        List<String> statuses = new ArrayList<>();
        for (UUID id : ids) {
            statuses.add(one("select status from delivery where id = ?", id));
        }
        return statuses;
    }

    /** When each was sent, earliest first. */
    private List<Instant> sentTimes(List<UUID> ids) throws SQLException {
        List<Instant> times = new ArrayList<>();
        for (UUID id : ids) {
            times.add(Instant.parse(one("select to_char(sent_at at time zone 'UTC', "
                    + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') from delivery where id = ?", id)));
        }
        times.sort(null);
        return times;
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
