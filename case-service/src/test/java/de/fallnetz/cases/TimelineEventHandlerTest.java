package de.fallnetz.cases;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.CREATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.Fixtures;
import de.fallnetz.devstack.KafkaTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "case-service"))
class TimelineEventHandlerTest {

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.onSharedStack();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void shouldAddEachPartnerAndNotificationEventToTheTimelineOnceEvenWhenDeliveredTwice() {
        String caseId = openCase();
        String partnerEventId = UUID.randomUUID().toString();
        String partnerData = EventSamples.json(EventType.PARTNER_CASE_REGISTERED, caseId);
        String notificationData = EventSamples.json(EventType.NOTIFICATION_RECORDED, caseId);

        for (int i = 0; i < 2; i++) {
            kafka.sendCloudEvent(Topics.PARTNER_EVENTS, partnerEventId, EventType.PARTNER_CASE_REGISTERED.type(),
                    "/fallnetz/partner-service", caseId, partnerData);
        }
        kafka.sendCloudEvent(Topics.NOTIFICATION_EVENTS, UUID.randomUUID().toString(),
                EventType.NOTIFICATION_RECORDED.type(), "/fallnetz/notification-service", caseId, notificationData);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(timelineTypes(caseId))
                .containsExactly(EventType.CASE_OPENED.type(), EventType.PARTNER_CASE_REGISTERED.type(),
                        EventType.NOTIFICATION_RECORDED.type()));
        // A later event proves the duplicate was consumed and skipped, not merely still in flight.
        kafka.sendCloudEvent(Topics.PARTNER_EVENTS, UUID.randomUUID().toString(),
                EventType.PARTNER_CASE_REGISTERED.type(), "/fallnetz/partner-service", caseId, partnerData);
        await().atMost(Duration.ofSeconds(30)).until(() -> timelineTypes(caseId).size() == 4);
    }

    @Test
    void shouldParkAnUnreadableRecordOnTheDeadLetterTopicAndGoOn() {
        String caseId = openCase();
        kafka.sendRaw(Topics.PARTNER_EVENTS, caseId, "not a cloud event");
        kafka.sendCloudEvent(Topics.PARTNER_EVENTS, UUID.randomUUID().toString(),
                EventType.PARTNER_CASE_REGISTERED.type(), "/fallnetz/partner-service", caseId, "{\"caseId\": 12");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.records(Topics.DEAD_LETTERS, caseId).size() == 2);
        String partnerData = EventSamples.json(EventType.PARTNER_CASE_REGISTERED, caseId);
        kafka.sendCloudEvent(Topics.PARTNER_EVENTS, UUID.randomUUID().toString(),
                EventType.PARTNER_CASE_REGISTERED.type(), "/fallnetz/partner-service", caseId, partnerData);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> timelineTypes(caseId).contains(EventType.PARTNER_CASE_REGISTERED.type()));
    }

    @Test
    void shouldSkipEventTypesItDoesNotKnow() {
        String caseId = openCase();
        kafka.sendCloudEvent(Topics.PARTNER_EVENTS, UUID.randomUUID().toString(), "de.fallnetz.partner.future-thing",
                "/fallnetz/partner-service", caseId, "{\"caseId\":\"" + caseId + "\"}");
        String partnerData = EventSamples.json(EventType.PARTNER_CASE_REGISTERED, caseId);
        kafka.sendCloudEvent(Topics.PARTNER_EVENTS, UUID.randomUUID().toString(),
                EventType.PARTNER_CASE_REGISTERED.type(), "/fallnetz/partner-service", caseId, partnerData);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(timelineTypes(caseId))
                .containsExactly(EventType.CASE_OPENED.type(), EventType.PARTNER_CASE_REGISTERED.type()));
        assertThat(kafka.records(Topics.DEAD_LETTERS, caseId)).isEmpty();
    }

    private static String openCase() {
        return given().contentType(ContentType.JSON).body(Fixtures.openCaseJson())
                .when().post("/cases")
                .then().statusCode(CREATED.getStatusCode()).extract().path("caseId");
    }

    private static List<String> timelineTypes(String caseId) {
        return given().when().get("/cases/{id}/timeline", caseId).then().extract().jsonPath()
                .getList("entries.type", String.class);
    }
}
