package de.fallnetz.partners.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.devstack.DatabaseTestClient;
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

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private final DatabaseTestClient db = DatabaseTestClient.onSharedStack(FallnetzService.PARTNER_SERVICE);

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

    private void sendCaseOpened(String eventId, String source, String caseId) {
        kafka.sendCaseEvent(EventType.CASE_OPENED, eventId, source, caseId);
    }

    private static double duplicates() {
        return ServiceMetrics.eventsConsumed("http://localhost:" + RestAssured.port, CONSUMER, "duplicate");
    }
}
