package de.fallnetz.cases.lifecycle;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.BAD_REQUEST;
import static jakarta.ws.rs.core.Response.Status.CONFLICT;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.CardReadyForPickup;
import de.fallnetz.contracts.events.DocumentsRequested;
import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.InteractionDelivered;
import de.fallnetz.contracts.events.InteractionRequested;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.PartnerTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** After a grant the card can be collected (told once); and a documents request names its due date. */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "case-service"))
class CardReadyTest {

    private static final CaseApi api = CaseApi.onSharedStack();
    private static final ZoneId OFFICE_ZONE = ZoneId.of("Europe/Berlin");

    @Test
    void shouldTellOnceThatTheCardOfAGrantedCaseCanBeCollected() {
        String caseId = readyForDecision();
        api.command(caseId, "decision", Map.of("outcome", "GRANTED", "decidedBy", "clerk-17"))
                .then().statusCode(OK.getStatusCode()).body("allowedCommands", hasItem("card-ready"));
        long version = api.version(caseId);

        api.command(caseId, "card-ready", Map.of("pickupNote", "Raum 104, montags bis freitags 8 bis 12 Uhr"), version)
                .then().statusCode(OK.getStatusCode())
                .body("version", equalTo((int) version + 1))
                .body("allowedCommands", not(hasItem("card-ready")));
        // The same command again, e.g. a second click with the old page: the same answer, no second event.
        api.command(caseId, "card-ready", Map.of("pickupNote", "Raum 104, montags bis freitags 8 bis 12 Uhr"), version)
                .then().statusCode(OK.getStatusCode()).body("version", equalTo((int) version + 1));
        api.command(caseId, "closure", null).then().statusCode(OK.getStatusCode());
        api.command(caseId, "card-ready", null).then().statusCode(OK.getStatusCode());

        List<CardReadyForPickup> events = await().atMost(Duration.ofSeconds(30)).until(
                () -> api.events(caseId, EventType.CASE_CARD_READY_FOR_PICKUP, CardReadyForPickup.class),
                l -> !l.isEmpty());
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                api.events(caseId, EventType.CASE_CARD_READY_FOR_PICKUP, CardReadyForPickup.class)).hasSize(1));
        assertThat(events.get(0).officeId()).isEqualTo("abh-berlin");
        assertThat(events.get(0).pickupNote()).isEqualTo("Raum 104, montags bis freitags 8 bis 12 Uhr");
        assertThat(api.timelineTypes(caseId)).containsOnlyOnce(EventType.CASE_CARD_READY_FOR_PICKUP.type());
    }

    @Test
    void shouldRefuseCardReadyForACaseNotGrantedWith409() {
        String open = api.open(CaseTypeSamples.of("STUDENT"));
        api.command(open, "card-ready", Map.of()).then().statusCode(CONFLICT.getStatusCode())
                .contentType("application/problem+json").body("currentStatus", equalTo("RECEIVED"));

        String refused = readyForDecision();
        api.command(refused, "hearing", Map.of("heardAt", Instant.now().minusSeconds(60).toString(),
                "statement", "Keine Äußerung")).then().statusCode(OK.getStatusCode());
        api.command(refused, "decision", Map.of("outcome", "REFUSED", "decidedBy", "clerk-17", "reasons",
                "Lebensunterhalt nicht gesichert", "legalBasis", "§5 Abs. 1 Nr. 1 AufenthG"))
                .then().statusCode(OK.getStatusCode()).body("allowedCommands", not(hasItem("card-ready")));
        api.command(refused, "card-ready", Map.of()).then().statusCode(CONFLICT.getStatusCode())
                .contentType("application/problem+json").body("currentStatus", equalTo("DECIDED"));
        assertThat(api.events(refused, EventType.CASE_CARD_READY_FOR_PICKUP, CardReadyForPickup.class)).isEmpty();
    }

    @Test
    void shouldAnswer404ToAClerkOfAnotherOffice() {
        String caseId = api.open(CaseTypeSamples.of("STUDENT"));
        given().auth().oauth2(PartnerTokens.shared().mintUser("clerk-hh", List.of("clerk"), "abh-hamburg"))
                .contentType(ContentType.JSON).header("If-Match", "\"" + api.version(caseId) + "\"").body(Map.of())
                .when().post("/cases/" + caseId + "/card-ready")
                .then().statusCode(NOT_FOUND.getStatusCode()).contentType("application/problem+json");
    }

    @Test
    void shouldCarryTheDueDateOfADocumentsRequestAndDefaultTo14Days() {
        String caseId = api.open(CaseTypeSamples.of("STUDENT"));
        String item = api.checklistIds(caseId).get(0);
        LocalDate today = LocalDate.now(OFFICE_ZONE);

        api.command(caseId, "document-requests", Map.of("itemIds", List.of(item),
                "dueDate", today.minusDays(1).toString()))
                .then().statusCode(BAD_REQUEST.getStatusCode()).contentType("application/problem+json")
                .body("invalidParams[0].name", equalTo("dueDate"));
        api.command(caseId, "document-requests", Map.of("itemIds", List.of(item),
                "dueDate", today.plusDays(30).toString())).then().statusCode(OK.getStatusCode());
        api.command(caseId, "document-requests", Map.of("itemIds", List.of(item)))
                .then().statusCode(OK.getStatusCode());

        List<DocumentsRequested> requests = await().atMost(Duration.ofSeconds(30)).until(
                () -> api.events(caseId, EventType.CASE_DOCUMENTS_REQUESTED, DocumentsRequested.class),
                l -> l.size() == 2);
        assertThat(requests).extracting(DocumentsRequested::dueAt).containsExactly(
                endOf(today.plusDays(30)), endOf(today.plusDays(14)));
    }

    private static Instant endOf(LocalDate day) {
        return day.atTime(LocalTime.of(23, 59, 59)).atZone(OFFICE_ZONE).toInstant();
    }

    /** A student case with every checklist item ticked and every partner answered. */
    private static String readyForDecision() {
        String caseId = api.open(CaseTypeSamples.of("STUDENT"));
        api.tickAll(caseId);
        int planned = api.get(caseId).getList("interactions").size();
        for (InteractionRequested r : api.awaitRequested(caseId, planned)) {
            api.partnerSays(new InteractionDelivered(r.interactionId(), caseId, r.kind(), r.partnerOrganisation(),
                    Instant.now().plus(Duration.ofDays(14)), Instant.now()));
            api.answer(r, switch (r.kind()) {
                case "BA_CONSENT", "BA_PRE_APPROVAL", "RECOGNITION", "OFFICE_TRANSFER" -> "GRANTED";
                case "SECURITY_CHECK" -> "NO_OBJECTION";
                default -> "ACKNOWLEDGED";
            }, false, null);
        }
        api.awaitStatus(caseId, "READY_FOR_DECISION");
        return caseId;
    }
}
