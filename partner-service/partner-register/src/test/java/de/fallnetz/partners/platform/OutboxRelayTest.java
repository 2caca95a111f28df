package de.fallnetz.partners.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.PartnerCaseRegistered;
import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.DatabaseTestClient;
import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.KafkaTestClient;
import de.fallnetz.devstack.ServiceMetrics;
import de.fallnetz.platform.messaging.outbox.Outbox;
import de.fallnetz.platform.messaging.outbox.OutboxRelay;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** The platform's outbox relay, in partner-service: per-row outcomes, per-case order, its gauges. */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "partner-service"))
class OutboxRelayTest {

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private final DatabaseTestClient db = DatabaseTestClient.onSharedStack(FallnetzService.PARTNER_SERVICE);

    @Inject
    Outbox outbox;

    @Test
    void shouldSendTheEventsAfterOneThatKafkaRefusesAndParkThatOneAfterRepeatedRefusals() {
        String refusedCase = UUID.randomUUID().toString();
        // Larger than the producer's max.request.size (1 MiB): Kafka refuses this row, and only this row.
        insertRow(refusedCase, "repeat('x', 2000000)", "now()");
        String caseId = UUID.randomUUID().toString();
        kafka.sendCaseEvent(EventType.CASE_OPENED, UUID.randomUUID().toString(), "/fallnetz/case-service", caseId);

        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.records(Topics.PARTNER_EVENTS, caseId).size() == 1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(db.count("outbox_event",
                "subject = '" + refusedCase + "' and parked_at is not null and published_at is null and attempts = 10"
                        + " and last_error like '%RecordTooLargeException%'")).isEqualTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metric("fallnetz_outbox_parked"))
                .isGreaterThanOrEqualTo(1));
        // Sent once: no relay run sent it again after the refusal of the other row.
        assertThat(kafka.records(Topics.PARTNER_EVENTS, caseId)).hasSize(1);
    }

    @Test
    void shouldExportThePendingCountAndTheAgeOfTheOldestUnsentEventWhileTheRelayCannotSend() throws Exception {
        String caseId = UUID.randomUUID().toString();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // What an operator does to pause the relay; here it stands for any reason the relay gets nothing out.
            s.execute("select pg_advisory_lock(" + OutboxRelay.RELAY_LOCK + ")");
            insertRow(caseId, "'" + EventSamples.json(EventType.PARTNER_CASE_REGISTERED, caseId) + "'",
                    "now() - interval '1 hour'");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(metric("fallnetz_outbox_pending")).isGreaterThanOrEqualTo(1);
                assertThat(metric("fallnetz_outbox_oldest_age_seconds")).isGreaterThanOrEqualTo(3600);
            });
            s.execute("select pg_advisory_unlock(" + OutboxRelay.RELAY_LOCK + ")");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.records(Topics.PARTNER_EVENTS, caseId).size() == 1);
    }

    @Test
    void shouldSendTwoEventsOfOneCaseInTheOrderTheirTransactionsCommitted() throws Exception {
        String caseId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CompletableFuture<Void> second;
        QuarkusTransaction.begin();
        try {
            outbox.publish(new PartnerCaseRegistered(caseId, "FIRST", now), now);
            second = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                    .run(() -> outbox.publish(new PartnerCaseRegistered(caseId, "SECOND", now), now)));
            // The second transaction either waits for the first, or it has committed and its event is on Kafka.
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count("pg_locks",
                    "locktype = 'advisory' and not granted") > 0
                    || !kafka.records(Topics.PARTNER_EVENTS, caseId).isEmpty());
            QuarkusTransaction.commit();
        } finally {
            if (QuarkusTransaction.isActive()) {
                QuarkusTransaction.rollback();
            }
        }
        second.get(30, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.records(Topics.PARTNER_EVENTS, caseId).size() == 2);
        List<String> sent = kafka.records(Topics.PARTNER_EVENTS, caseId).stream().map(ConsumerRecord::value).toList();
        assertThat(sent.get(0)).contains("\"FIRST\"");
        assertThat(sent.get(1)).contains("\"SECOND\"");
    }

    private void insertRow(String caseId, String payloadSql, String occurredAtSql) {
        db.update("insert into outbox_event (event_id, topic, event_type, subject, source, data_schema, occurred_at,"
                + " payload) values ('" + UUID.randomUUID() + "', '" + Topics.PARTNER_EVENTS + "', '"
                + EventType.PARTNER_CASE_REGISTERED.type() + "', '" + caseId + "', '/fallnetz/partner-service', '"
                + EventType.PARTNER_CASE_REGISTERED.dataSchema() + "', " + occurredAtSql + ", " + payloadSql + ")");
    }

    private static double metric(String name) {
        return ServiceMetrics.value("http://localhost:" + RestAssured.port, name, Map.of());
    }
}
