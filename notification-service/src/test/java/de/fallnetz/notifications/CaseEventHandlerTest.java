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

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.KafkaTestClient;
import de.fallnetz.devstack.PartnerTokens;
import de.fallnetz.devstack.ServiceMetrics;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "notification-service"))
class CaseEventHandlerTest {

    private static final String CONSUMER = "notification-service.cases";
    private static final ObjectMapper MAPPER = new ObjectMapper();

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
        double duplicatesBefore = consumed("duplicate");
        for (int i = 0; i < 2; i++) {
            sendCaseOpened(eventId, caseId, "en");
        }

        // Both copies are through once the inbox has counted the second as a duplicate.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(consumed("duplicate"))
                .isEqualTo(duplicatesBefore + 1));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.records(Topics.NOTIFICATION_EVENTS, caseId).size() == 1);
        given().auth().oauth2(Clerks.ofSampleOffice()).queryParam("caseId", caseId)
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
        sendCaseOpened(UUID.randomUUID().toString(), caseId, "pt");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.records(Topics.NOTIFICATION_EVENTS, caseId).size() == 1);
        given().auth().oauth2(Clerks.ofSampleOffice()).queryParam("caseId", caseId)
                .when().get("/notifications")
                .then().statusCode(200)
                .body("[0].requestedLanguage", equalTo("pt"))
                .body("[0].language", equalTo("de"))
                .body("[0].subject", equalTo("Ihr Antrag ist eingegangen"));
        String emitted = kafka.records(Topics.NOTIFICATION_EVENTS, caseId).get(0).value();
        assertThat(emitted).contains("\"language\":\"de\"");
        assertThat(EventSamples.violations(EventType.NOTIFICATION_RECORDED, emitted)).isEmpty();
    }

    @Test
    void shouldParkACaseOpenedWithoutApplicantLanguageOnTheDeadLetterTopicAndGoOnWithTheNext() throws Exception {
        String broken = UUID.randomUUID().toString();
        ObjectNode data = (ObjectNode) MAPPER.readTree(EventSamples.json(EventType.CASE_OPENED, broken));
        data.remove("applicantLanguage");
        kafka.sendCloudEvent(Topics.CASE_EVENTS, UUID.randomUUID().toString(), EventType.CASE_OPENED.type(),
                "/fallnetz/case-service", broken, data.toString());
        String next = UUID.randomUUID().toString();
        sendCaseOpened(UUID.randomUUID().toString(), next, "en");

        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.records(Topics.DEAD_LETTERS, broken).size() == 1);
        var parked = kafka.records(Topics.DEAD_LETTERS, broken).get(0);
        assertThat(KafkaTestClient.header(parked, "fallnetz-consumer")).isEqualTo(CONSUMER);
        assertThat(KafkaTestClient.header(parked, "dead-letter-reason")).contains("applicantLanguage");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.records(Topics.NOTIFICATION_EVENTS, next).size() == 1);
        given().auth().oauth2(Clerks.ofSampleOffice()).queryParam("caseId", broken)
                .when().get("/notifications")
                .then().statusCode(404);
    }

    @Test
    void shouldShowACasesNotificationsOnlyToClerksOfItsOffice() {
        String caseId = UUID.randomUUID().toString();
        sendCaseOpened(UUID.randomUUID().toString(), caseId, "en");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.records(Topics.NOTIFICATION_EVENTS, caseId).size() == 1);

        given().queryParam("caseId", caseId).when().get("/notifications")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(PartnerTokens.shared().mint("ba-zav")).queryParam("caseId", caseId)
                .when().get("/notifications")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Clerks.of("abh-hamburg")).queryParam("caseId", caseId)
                .when().get("/notifications")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Clerks.ofSampleOffice()).queryParam("caseId", UUID.randomUUID().toString())
                .when().get("/notifications")
                .then().statusCode(404);
        given().auth().oauth2(Clerks.ofSampleOffice()).queryParam("caseId", caseId)
                .when().get("/notifications")
                .then().statusCode(200).body("", hasSize(1));
    }

    @Test
    void shouldFollowATransferredCaseToItsNewOffice() {
        String caseId = UUID.randomUUID().toString();
        sendCaseOpened(UUID.randomUUID().toString(), caseId, "en");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kafka.records(Topics.NOTIFICATION_EVENTS, caseId).size() == 1);
        kafka.sendCloudEvent(Topics.CASE_EVENTS, UUID.randomUUID().toString(), EventType.CASE_TRANSFERRED.type(),
                "/fallnetz/case-service", caseId,
                EventSamples.json(EventType.CASE_TRANSFERRED, caseId, Map.of("toOfficeId", "abh-hamburg")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Clerks.of("abh-hamburg"))
                .queryParam("caseId", caseId).when().get("/notifications")
                .then().statusCode(200));
        given().auth().oauth2(Clerks.ofSampleOffice()).queryParam("caseId", caseId)
                .when().get("/notifications")
                .then().statusCode(404);
    }

    @Test
    void shouldRefuseAListingWithoutCaseId() {
        given().auth().oauth2(Clerks.ofSampleOffice()).when().get("/notifications")
                .then().statusCode(BAD_REQUEST.getStatusCode())
                .contentType("application/problem+json");
    }

    private static double consumed(String outcome) {
        return ServiceMetrics.eventsConsumed("http://localhost:" + RestAssured.port, CONSUMER, outcome);
    }

    private static void sendCaseOpened(String eventId, String caseId, String language) {
        kafka.sendCloudEvent(Topics.CASE_EVENTS, eventId, EventType.CASE_OPENED.type(), "/fallnetz/case-service",
                caseId, EventSamples.json(EventType.CASE_OPENED, caseId, Map.of("applicantLanguage", language)));
    }
}
