package de.fallnetz.partners.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.DatabaseTestClient;
import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.KafkaTestClient;
import de.fallnetz.devstack.ServiceMetrics;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** The platform's inbox, in partner-service: an event is known by its CloudEvent source and ID. */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "partner-service"))
class InboxTest {

    private static final String CONSUMER = "partner-service.cases";

    private static KafkaTestClient kafka;
    private final DatabaseTestClient db = DatabaseTestClient.onSharedStack(FallnetzService.PARTNER_SERVICE);

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.onSharedStack();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void shouldApplyTwoEventsWithTheSameIdFromDifferentSources() {
        String eventId = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        sendCaseOpened(eventId, "/fallnetz/case-service", first);
        sendCaseOpened(eventId, "/fallnetz/another-case-service", second);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                db.count("partner_case", "case_id in ('" + first + "', '" + second + "')")).isEqualTo(2));
        assertThat(db.count("processed_event", "event_id = '" + eventId + "'")).isEqualTo(2);
    }

    @Test
    void shouldRecogniseAnEventAppliedBeforeTheInboxRecordedSources() {
        String eventId = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        db.update("insert into processed_event (consumer, source, event_id) values ('" + CONSUMER + "', '', '"
                + eventId + "')");
        double duplicatesBefore = duplicates();

        sendCaseOpened(eventId, "/fallnetz/case-service", caseId);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(duplicates())
                .isEqualTo(duplicatesBefore + 1));
        assertThat(db.count("partner_case", "case_id = '" + caseId + "'")).isZero();
    }

    private static void sendCaseOpened(String eventId, String source, String caseId) {
        kafka.sendCloudEvent(Topics.CASE_EVENTS, eventId, EventType.CASE_OPENED.type(), source, caseId,
                EventSamples.json(EventType.CASE_OPENED, caseId));
    }

    private static double duplicates() {
        return ServiceMetrics.value("http://localhost:" + RestAssured.port, "fallnetz_events_consumed_total",
                Map.of("consumer", CONSUMER, "outcome", "duplicate"));
    }
}
