package de.fallnetz.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.DatabaseTestClient;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.platform.messaging.outbox.MessagingHousekeeping;
import de.fallnetz.platform.messaging.outbox.OutboxRelay;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "case-service"))
class MessagingHousekeepingTest {

    @Inject
    MessagingHousekeeping housekeeping;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldDeleteOnlySentEventsAndRememberedIdsOlderThanTheirRetention() throws Exception {
        DatabaseTestClient db = DatabaseTestClient.onSharedStack(FallnetzService.CASE_SERVICE);
        String subject = "housekeeping-" + UUID.randomUUID();
        // Inserted already stamped as sent, so the running relay leaves them alone.
        insertOutbox(db, subject, "now() - interval '8 days'");
        insertOutbox(db, subject, "now() - interval '1 day'");
        String consumer = "housekeeping-test-" + UUID.randomUUID();
        db.update("""
                insert into processed_event (consumer, event_id, processed_at)
                values ('%s', 'old', now() - interval '31 days'), ('%s', 'recent', now() - interval '29 days')"""
                .formatted(consumer, consumer));

        housekeeping.removeExpired(Instant.now());

        assertThat(db.count("outbox_event", "subject = '" + subject + "'")).isEqualTo(1);
        assertThat(db.count("outbox_event", "subject = '" + subject + "' and published_at > now() - interval '2 days'"))
                .isEqualTo(1);
        assertThat(db.count("processed_event", "consumer = '" + consumer + "'")).isEqualTo(1);
        assertThat(db.count("processed_event", "consumer = '" + consumer + "' and event_id = 'recent'")).isEqualTo(1);
    }

    @Test
    void shouldNeverDeleteAnEventThatWasNotSent() throws Exception {
        DatabaseTestClient db = DatabaseTestClient.onSharedStack(FallnetzService.CASE_SERVICE);
        String subject = "housekeeping-" + UUID.randomUUID();
        // Holding the relay's lock keeps the row unsent for as long as the test needs.
        try (Connection relayPause = dataSource.getConnection(); Statement s = relayPause.createStatement()) {
            s.execute("select pg_advisory_lock(" + OutboxRelay.RELAY_LOCK + ")");
            db.update("""
                insert into outbox_event (event_id, topic, event_type, subject, source, data_schema, occurred_at, payload, published_at)
                values ('%s', 'case.events', 'de.fallnetz.case.opened', '%s', '/test', 'urn:test', now() - interval '90 days', '{}', null)"""
                    .formatted(UUID.randomUUID(), subject));
            try {
                housekeeping.removeExpired(Instant.now());
                assertThat(db.count("outbox_event", "subject = '" + subject + "' and published_at is null"))
                        .isEqualTo(1);
            } finally {
                db.update("delete from outbox_event where subject = '" + subject + "'");
                s.execute("select pg_advisory_unlock(" + OutboxRelay.RELAY_LOCK + ")");
            }
        }
    }

    private static void insertOutbox(DatabaseTestClient db, String subject, String publishedAt) {
        db.update("""
                insert into outbox_event (event_id, topic, event_type, subject, source, data_schema, occurred_at, payload, published_at)
                values ('%s', 'case.events', 'de.fallnetz.case.opened', '%s', '/test', 'urn:test', now() - interval '9 days', '{}', %s)"""
                .formatted(UUID.randomUUID(), subject, publishedAt));
    }
}
