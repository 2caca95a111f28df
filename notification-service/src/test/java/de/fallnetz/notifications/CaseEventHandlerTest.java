package de.fallnetz.notifications;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.BAD_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.KafkaTestClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "notification-service"))
class CaseEventHandlerTest {

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
    void shouldWriteTheReceiptInTheApplicantsLanguageOnceWhenCaseOpenedArrivesTwice() {
        String caseId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            sendCaseOpened(eventId, caseId, "en");
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.records(Topics.NOTIFICATION_EVENTS, caseId).size() == 1);
        given().queryParam("caseId", caseId)
                .when().get("/notifications")
                .then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].language", equalTo("en"))
                .body("[0].recipientRole", equalTo("APPLICANT"))
                .body("[0].subject", equalTo("We have received your application"))
                .body("[0].body", containsString(caseId));
        var record = kafka.records(Topics.NOTIFICATION_EVENTS, caseId).get(0);
        assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo(EventType.NOTIFICATION_RECORDED.type());
    }

    @Test
    void shouldFallBackToGermanForALanguageWithoutTexts() {
        String caseId = UUID.randomUUID().toString();
        sendCaseOpened(UUID.randomUUID().toString(), caseId, "vi");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.records(Topics.NOTIFICATION_EVENTS, caseId).size() == 1);
        given().queryParam("caseId", caseId)
                .when().get("/notifications")
                .then().statusCode(200)
                .body("[0].requestedLanguage", equalTo("vi"))
                .body("[0].language", equalTo("de"))
                .body("[0].subject", equalTo("Ihr Antrag ist eingegangen"));
        String emitted = kafka.records(Topics.NOTIFICATION_EVENTS, caseId).get(0).value();
        assertThat(emitted).contains("\"language\":\"de\"");
        assertThat(EventSamples.violations(EventType.NOTIFICATION_RECORDED, emitted)).isEmpty();
    }

    @Test
    void shouldRefuseAListingWithoutCaseId() {
        given().when().get("/notifications")
                .then().statusCode(BAD_REQUEST.getStatusCode())
                .contentType("application/problem+json");
    }

    private static void sendCaseOpened(String eventId, String caseId, String language) {
        kafka.sendCloudEvent(Topics.CASE_EVENTS, eventId, EventType.CASE_OPENED.type(), "/fallnetz/case-service",
                caseId, EventSamples.json(EventType.CASE_OPENED, caseId, Map.of("applicantLanguage", language)));
    }
}
