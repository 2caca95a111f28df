package de.fallnetz.officetransfer;

import static de.fallnetz.contracts.events.EventType.CASE_TRANSFERRED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_ANSWERED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_CANCELLED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_DELIVERED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_ESCALATED;
import static de.fallnetz.devstack.InteractionTestEvents.field;
import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.BAD_REQUEST;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.InteractionTestEvents;
import de.fallnetz.devstack.InteractionTestEvents.Sent;
import de.fallnetz.devstack.PartnerTokens;
import de.fallnetz.interactions.deadline.DeadlineScheduler;
import de.fallnetz.interactions.deadline.InteractionClock;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "office-transfer"))
class OfficeTransferPolicyTest {

    private static final InteractionTestEvents events = InteractionTestEvents.onSharedStack(
            FallnetzService.OFFICE_TRANSFER);

    @Inject
    InteractionClock clock;

    @Inject
    DeadlineScheduler deadlines;

    @Test
    void shouldAskTheReceivingOfficeToTakeTheTransferredCaseOverAndPublishItsAcceptance() {
        String caseId = UUID.randomUUID().toString();
        transfer(caseId, "abh-muenchen", Instant.now());
        String handOver = awaitHandOver(caseId, 1);

        as("abh-kiel").when().get("/partner/v1/requests/{id}", handOver)
                .then().statusCode(NOT_FOUND.getStatusCode());
        String etag = as("abh-muenchen").when().get("/partner/v1/requests/{id}", handOver)
                .then().statusCode(OK.getStatusCode()).body("kind", equalTo("OFFICE_HANDOVER"))
                .body("data.fromOfficeId", equalTo("abh-berlin")).body("data.fileParts", hasItem("timeline"))
                .extract().header("ETag");
        answer("abh-muenchen", handOver, etag, Map.of("outcome", "ACCEPTED"))
                .then().statusCode(OK.getStatusCode()).body("state", equalTo("ANSWERED"));

        List<String> answered = published(caseId, INTERACTION_ANSWERED);
        assertThat(answered).singleElement().satisfies(e -> {
            assertThat(field(e, "outcome")).isEqualTo("ACCEPTED");
            assertThat(field(e, "partnerOrganisation")).isEqualTo("abh-muenchen");
        });
    }

    @Test
    void shouldNeedReasonsWhenTheReceivingOfficeRefusesOrFindsTheFileIncomplete() {
        String caseId = UUID.randomUUID().toString();
        transfer(caseId, "abh-muenchen", Instant.now());
        String handOver = awaitHandOver(caseId, 1);
        String etag = as("abh-muenchen").when().get("/partner/v1/requests/{id}", handOver)
                .then().extract().header("ETag");

        answer("abh-muenchen", handOver, etag, Map.of("outcome", "NOT_COMPETENT"))
                .then().statusCode(BAD_REQUEST.getStatusCode()).body("invalidParams[0].name", equalTo("/reasons"));
        answer("abh-muenchen", handOver, etag, Map.of("outcome", "GRANTED"))
                .then().statusCode(BAD_REQUEST.getStatusCode()).body("invalidParams[0].name", equalTo("/outcome"));
        answer("abh-muenchen", handOver, etag, Map.of("outcome", "ACCEPTED_FILE_INCOMPLETE",
                "reasons", "Ausländerakte ohne Entscheidungsschreiben", "conditions", List.of("decision-letters")))
                .then().statusCode(OK.getStatusCode());
    }

    @Test
    void shouldTakeARedeliveredTransferOnceAndLetANewerTransferSupersedeTheOpenHandOver() {
        String caseId = UUID.randomUUID().toString();
        Instant first = Instant.now();
        transfer(caseId, "abh-kiel", first);
        transfer(caseId, "abh-kiel", first);
        String toKiel = awaitHandOver(caseId, 1);

        transfer(caseId, "abh-muenchen", first.plusSeconds(60));
        awaitHandOver(caseId, 2);

        await().atMost(Duration.ofSeconds(30)).until(() -> published(caseId, INTERACTION_CANCELLED).size() == 1);
        assertThat(field(published(caseId, INTERACTION_CANCELLED).get(0), "interactionId")).isEqualTo(toKiel);
        assertThat(events.db().count("interaction_request", "case_id = '" + caseId + "'")).isEqualTo(2);
    }

    @Test
    void shouldEscalateWhenTheReceivingOfficeDoesNotAnswerWithinTheServiceLevel() {
        String caseId = UUID.randomUUID().toString();
        transfer(caseId, "abh-flensburg", Instant.now());
        awaitHandOver(caseId, 1);

        clock.advance(Duration.ofDays(20));
        try {
            deadlines.fireDue();
        } finally {
            clock.advance(Duration.ofDays(-20));
        }
        assertThat(published(caseId, INTERACTION_ESCALATED)).hasSize(1);
    }

    @Test
    void shouldAnswerTheCataloguesFileRequestWithTheRepliesBetweenOffices() {
        Sent r = events.request(Map.of("kind", "OFFICE_TRANSFER", "partnerOrganisation", "abh-transfer",
                "caseType", "ADDRESS_CHANGE_TRANSFER",
                "deadline", InteractionTestEvents.deadline(10, "WORKING_DAYS", "ESCALATE", "§71 Abs. 1 AufenthG")));
        await().atMost(Duration.ofSeconds(30)).until(() -> events.published(r, INTERACTION_DELIVERED).size() == 1);
        String etag = as("abh-transfer").when().get("/partner/v1/requests/{id}", r.interactionId())
                .then().extract().header("ETag");

        answer("abh-transfer", r.interactionId(), etag, Map.of("outcome", "FILE_SENT"))
                .then().statusCode(OK.getStatusCode());
    }

    private static void transfer(String caseId, String to, Instant at) {
        events.caseEvent(CASE_TRANSFERRED, caseId, Map.of("fromOfficeId", "abh-berlin", "toOfficeId", to,
                "reason", "Umzug", "transferredAt", at.toString()));
    }

    private static String awaitHandOver(String caseId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> published(caseId, INTERACTION_DELIVERED).size() == count);
        return field(published(caseId, INTERACTION_DELIVERED).get(count - 1), "interactionId");
    }

    private static List<String> published(String caseId, EventType type) {
        return events.db().queryStrings("select payload from outbox_event where subject = '" + caseId
                + "' and event_type = '" + type.type() + "' order by occurred_at, event_id");
    }

    private static io.restassured.response.Response answer(String office, String id, String etag,
            Map<String, Object> body) {
        return as(office).header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", etag)
                .contentType(ContentType.JSON).body(body).when().post("/partner/v1/requests/{id}/answer", id);
    }

    private static RequestSpecification as(String organisation) {
        return given().auth().oauth2(PartnerTokens.shared().mint(organisation));
    }
}
