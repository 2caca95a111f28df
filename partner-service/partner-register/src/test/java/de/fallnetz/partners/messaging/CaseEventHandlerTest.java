package de.fallnetz.partners.messaging;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

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

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "partner-service"))
class CaseEventHandlerTest {

    private final KafkaTestClient kafka = KafkaTestClient.shared();
    private final DatabaseTestClient db = DatabaseTestClient.onSharedStack(FallnetzService.PARTNER_SERVICE);

    @Test
    void shouldRegisterAnOpenedCaseOnceAndAnnounceItOnceWhenCaseOpenedArrivesTwice() {
        String caseId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        double duplicatesBefore = duplicates();
        for (int i = 0; i < 2; i++) {
            kafka.sendCloudEvent(Topics.CASE_EVENTS, eventId, EventType.CASE_OPENED.type(), "/fallnetz/case-service",
                    caseId, EventSamples.json(EventType.CASE_OPENED, caseId));
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.records(Topics.PARTNER_EVENTS, caseId).size() == 1);
        given().when().get("/partner-cases/{id}", caseId)
                .then().statusCode(OK.getStatusCode())
                .body("caseType", equalTo("BLUE_CARD"))
                .body("officeId", equalTo("abh-berlin"));
        var record = kafka.records(Topics.PARTNER_EVENTS, caseId).get(0);
        assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo(EventType.PARTNER_CASE_REGISTERED.type());
        assertThat(KafkaTestClient.header(record, "ce_source")).isEqualTo("/fallnetz/partner-service");
        assertThat(EventSamples.violations(EventType.PARTNER_CASE_REGISTERED, record.value())).isEmpty();
        // Both copies were consumed: the inbox holds the event once and the register the case once.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                db.count("processed_event", "event_id = '" + eventId + "'")).isEqualTo(1));
        assertThat(db.count("partner_case", "case_id = '" + caseId + "'")).isEqualTo(1);
        assertThat(db.count("outbox_event", "subject = '" + caseId + "'")).isEqualTo(1);
        // The inbox, not the register's own check, dropped the copy: it counted the second delivery as a duplicate.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(duplicates())
                .isEqualTo(duplicatesBefore + 1));
    }

    private static double duplicates() {
        return ServiceMetrics.eventsConsumed("http://localhost:" + RestAssured.port, CaseEventHandler.CONSUMER,
                "duplicate");
    }

    @Test
    void shouldRelayAnEventAgainUnderTheSameIdAfterACrashBetweenKafkaAckAndStamp() {
        String caseId = UUID.randomUUID().toString();
        kafka.sendCloudEvent(Topics.CASE_EVENTS, UUID.randomUUID().toString(), EventType.CASE_OPENED.type(),
                "/fallnetz/case-service", caseId, EventSamples.json(EventType.CASE_OPENED, caseId));
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("outbox_event",
                "subject = '" + caseId + "' and published_at is not null") == 1);

        // What a crash after Kafka's acknowledgement but before the commit of the stamp leaves behind.
        db.update("update outbox_event set published_at = null where subject = '" + caseId + "'");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.records(Topics.PARTNER_EVENTS, caseId).size() == 2);
        var copies = kafka.records(Topics.PARTNER_EVENTS, caseId);
        assertThat(KafkaTestClient.header(copies.get(1), "ce_id"))
                .isEqualTo(KafkaTestClient.header(copies.get(0), "ce_id"));
    }

    @Test
    void shouldAnswerACaseItDoesNotKnowWithANotFoundProblem() {
        given().when().get("/partner-cases/{id}", UUID.randomUUID())
                .then().statusCode(NOT_FOUND.getStatusCode())
                .contentType("application/problem+json");
    }
}
