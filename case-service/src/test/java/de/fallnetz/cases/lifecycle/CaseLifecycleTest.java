package de.fallnetz.cases.lifecycle;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.CONFLICT;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import de.fallnetz.cases.catalogue.CaseTypeCatalogue;
import de.fallnetz.cases.catalogue.CaseTypeVersion;
import de.fallnetz.contracts.events.CaseDecided;
import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.InformationSupplied;
import de.fallnetz.contracts.events.InteractionAnswered;
import de.fallnetz.contracts.events.InteractionCancellationConfirmed;
import de.fallnetz.contracts.events.InteractionCancelled;
import de.fallnetz.contracts.events.InteractionDeemedGranted;
import de.fallnetz.contracts.events.InteractionDelivered;
import de.fallnetz.contracts.events.InteractionInformationRequested;
import de.fallnetz.contracts.events.InteractionRequested;
import de.fallnetz.devstack.FallnetzStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.filter.log.LogDetail;
import io.restassured.path.json.JsonPath;

/**
 * Cases driven through their whole life on the embedded stack, with the interaction services' answers arriving as
 * real CloudEvents on partner.events.
 */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "case-service"))
class CaseLifecycleTest {

    private static final CaseApi api = CaseApi.onSharedStack();

    @Inject
    CaseTypeCatalogue catalogue;

    @BeforeAll
    static void connect() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails(LogDetail.BODY);
    }

    static Stream<String> caseTypes() {
        return CaseTypeSamples.ALL.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("caseTypes")
    void shouldDriveACaseOfEveryTypeFromOpeningToDecisionWithThePartnersAnsweringByEvent(String caseType)
            throws Exception {
        String caseId = api.open(CaseTypeSamples.of(caseType));
        assertThat(api.get(caseId).getString("status")).isEqualTo("RECEIVED");

        api.tickAll(caseId);
        JsonPath complete = api.get(caseId);
        int planned = complete.getList("interactions").size();
        List<InteractionRequested> requests = api.awaitRequested(caseId, planned);
        CaseTypeVersion version = catalogue.version(caseType, complete.getInt("catalogueVersion")).orElseThrow();
        for (InteractionRequested r : requests) {
            assertThat(r.officeLand()).isEqualTo("DE-BE");
            // Need-to-know: a partner gets only the fields the catalogue names for its interaction.
            List<String> named = version.interactions().stream().filter(rule -> rule.kind().equals(r.kind()))
                    .findFirst().orElseThrow().dataFields().stream().map(f -> f.replace("applicant.", "")).toList();
            assertThat(named).as("data fields of %s", r.kind()).containsAll(r.data().keySet());
        }
        for (InteractionRequested r : requests) {
            api.partnerSays(new InteractionDelivered(r.interactionId(), caseId, r.kind(), r.partnerOrganisation(),
                    Instant.now().plus(Duration.ofDays(14)), Instant.now()));
            api.answer(r, grantOf(r.kind()), false, null);
        }
        api.awaitStatus(caseId, "READY_FOR_DECISION");

        JsonPath decided = api.command(caseId, "decision", Map.of("outcome", "GRANTED", "decidedBy", "clerk-17"))
                .then().statusCode(OK.getStatusCode()).body("status", equalTo("DECIDED")).extract().jsonPath();
        String documentId = decided.getString("documents[0].documentId");
        byte[] pdf = given().when().get("/cases/" + caseId + "/documents/" + documentId)
                .then().statusCode(OK.getStatusCode()).contentType("application/pdf").extract().asByteArray();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        assertThat(decided.getString("documents[0].sha256")).isEqualTo(sha);
        CaseDecided event = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.events(caseId, EventType.CASE_DECIDED, CaseDecided.class), l -> l.size() == 1)
                .get(0);
        assertThat(event.documentSha256()).isEqualTo(sha);
        assertThat(event.outcome()).isEqualTo("GRANTED");
        assertThat(api.timelineTypes(caseId)).contains(EventType.CASE_OPENED.type(),
                EventType.CASE_STATUS_CHANGED.type(), EventType.CASE_DECIDED.type());
    }

    private static String grantOf(String kind) {
        return switch (kind) {
            case "BA_CONSENT", "BA_PRE_APPROVAL", "RECOGNITION", "OFFICE_TRANSFER" -> "GRANTED";
            case "SECURITY_CHECK" -> "NO_OBJECTION";
            default -> "ACKNOWLEDGED";
        };
    }

    @Test
    void shouldAskTheBaOnlyAtTheReducedBlueCardThreshold() {
        var reduced = CaseTypeSamples.of("BLUE_CARD");
        String reducedCase = api.open(reduced);
        api.tickAll(reducedCase);
        assertThat(api.get(reducedCase).getList("interactions.kind", String.class)).contains("BA_CONSENT");

        Map<String, Object> general = new java.util.HashMap<>(reduced.application());
        general.put("salaryBand", "GENERAL");
        general.put("grossAnnualSalaryEur", 60000);
        String generalCase = api.open(new CaseTypeSamples.Sample("BLUE_CARD", "APPLICANT", "IND", general));
        api.tickAll(generalCase);
        assertThat(api.get(generalCase).getList("interactions.kind", String.class)).doesNotContain("BA_CONSENT");
    }

    @Test
    void shouldCountADeemedConsentAsTheBaAnswer() {
        String caseId = api.open(CaseTypeSamples.of("BLUE_CARD"));
        api.tickAll(caseId);
        for (InteractionRequested r : api.awaitRequested(caseId, api.get(caseId).getList("interactions").size())) {
            if (r.kind().equals("BA_CONSENT")) {
                api.partnerSays(new InteractionDeemedGranted(r.interactionId(), caseId, r.kind(),
                        r.partnerOrganisation(), "§36 Abs. 2 BeschV", Instant.now(), Instant.now()));
            } else {
                api.answer(r, grantOf(r.kind()), false, null);
            }
        }
        api.awaitStatus(caseId, "READY_FOR_DECISION");
        assertThat(api.get(caseId).getList("interactions.state", String.class)).contains("DEEMED_GRANTED");
    }

    @Test
    void shouldProposeRefusalOnTheBasBindingRefusalAndRefuseOnlyAfterTheHearing() {
        String caseId = api.open(CaseTypeSamples.of("BLUE_CARD"));
        api.tickAll(caseId);
        List<InteractionRequested> requests = api.awaitRequested(caseId, api.get(caseId).getList("interactions")
                .size());
        InteractionRequested ba = requests.stream().filter(r -> r.kind().equals("BA_CONSENT")).findFirst()
                .orElseThrow();
        api.answer(ba, "REFUSED", true, "Gehalt unter dem ortsüblichen Niveau");
        api.awaitStatus(caseId, "READY_FOR_DECISION");
        JsonPath ready = api.get(caseId);
        assertThat(ready.getString("proposedOutcome")).isEqualTo("REFUSED");
        // The other partners are no longer needed.
        assertThat(api.events(caseId, EventType.CASE_INTERACTION_CANCELLED, InteractionCancelled.class))
                .hasSize(requests.size() - 1).allSatisfy(c -> assertThat(c.reason()).isEqualTo("NO_LONGER_NEEDED"));

        api.command(caseId, "decision", Map.of("outcome", "GRANTED", "decidedBy", "clerk-17"))
                .then().statusCode(CONFLICT.getStatusCode()).contentType("application/problem+json");
        api.command(caseId, "decision", Map.of("outcome", "REFUSED", "decidedBy", "clerk-17", "reasons", "x",
                "legalBasis", "§18g AufenthG"))
                .then().statusCode(CONFLICT.getStatusCode()).body("currentStatus", equalTo("READY_FOR_DECISION"));
        api.command(caseId, "hearing", Map.of("heardAt", Instant.now().minusSeconds(60).toString(), "statement",
                "Die Antragstellerin hat sich nicht geäußert.")).then().statusCode(OK.getStatusCode())
                .body("status", equalTo("HEARING"));
        api.command(caseId, "decision", Map.of("outcome", "REFUSED", "decidedBy", "clerk-17"))
                .then().statusCode(422).body("invalidParams.name", hasItem("reasons"))
                .body("invalidParams.name", hasItem("legalBasis"));
        api.command(caseId, "decision", Map.of("outcome", "REFUSED", "decidedBy", "clerk-17", "reasons",
                "Die Bundesagentur für Arbeit hat die Zustimmung versagt.", "legalBasis",
                "§18g Abs. 1 i.V.m. §39 Abs. 1 AufenthG")).then().statusCode(OK.getStatusCode())
                .body("status", equalTo("DECIDED")).body("outcome", equalTo("REFUSED"));
    }

    @Test
    void shouldCancelEveryOpenInteractionWhenTheApplicantWithdraws() {
        String caseId = api.open(CaseTypeSamples.of("SKILLED_WORKER_VOCATIONAL"));
        api.tickAll(caseId);
        List<InteractionRequested> requests = api.awaitRequested(caseId, api.get(caseId).getList("interactions")
                .size());
        assertThat(requests).hasSizeGreaterThanOrEqualTo(2);
        api.answer(requests.get(0), grantOf(requests.get(0).kind()), false, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(caseId).getList("interactions.state")
                .contains("ANSWERED"));

        api.command(caseId, "withdrawal", Map.of("reason", "Schreiben vom 20.11.2026")).then()
                .statusCode(OK.getStatusCode()).body("status", equalTo("WITHDRAWN"));

        List<InteractionCancelled> cancelled = await().atMost(Duration.ofSeconds(30)).until(
                () -> api.events(caseId, EventType.CASE_INTERACTION_CANCELLED, InteractionCancelled.class),
                l -> l.size() == requests.size() - 1);
        assertThat(cancelled).allSatisfy(c -> assertThat(c.reason()).isEqualTo("WITHDRAWN"));
        for (InteractionCancelled c : cancelled) {
            api.partnerSays(new InteractionCancellationConfirmed(c.interactionId(), caseId, c.kind(),
                    c.partnerOrganisation(), c.reason(), Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                api.get(caseId).getList("interactions.state", String.class))
                .containsOnly("ANSWERED", "CANCELLED"));
        assertThat(api.get(caseId).getList("allowedCommands")).isEmpty();
    }

    @Test
    void shouldStopForMissingInformationAndPassTheOfficesAnswerToThePartner() {
        String caseId = api.open(CaseTypeSamples.of("BLUE_CARD"));
        api.tickAll(caseId);
        InteractionRequested ba = api.awaitRequested(caseId, api.get(caseId).getList("interactions").size())
                .stream().filter(r -> r.kind().equals("BA_CONSENT")).findFirst().orElseThrow();
        assertThat(ba.deadline().silence()).isEqualTo("DEEMED_GRANTED");
        assertThat(ba.data()).containsKeys("employer", "grossAnnualSalaryEur", "familyName")
                .doesNotContainKeys("qualification", "postalCode");
        api.partnerSays(new InteractionInformationRequested(ba.interactionId(), caseId, ba.kind(),
                ba.partnerOrganisation(), "Wöchentliche Arbeitszeit fehlt", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(caseId).getList("interactions.state")
                .contains("INFORMATION_REQUESTED"));

        String path = "interactions/" + ba.interactionId() + "/information";
        api.command(caseId, path, Map.of("data", Map.of("weeklyHours", 40), "note", "laut Vertrag"))
                .then().statusCode(OK.getStatusCode());
        InformationSupplied supplied = await().atMost(Duration.ofSeconds(30)).until(
                () -> api.events(caseId, EventType.CASE_INFORMATION_SUPPLIED, InformationSupplied.class),
                l -> l.size() == 1).get(0);
        assertThat(supplied.interactionId()).isEqualTo(ba.interactionId());
        assertThat(supplied.data()).containsEntry("weeklyHours", 40);
        // Supplying again without a new question is refused.
        api.command(caseId, path, Map.of("data", Map.of("weeklyHours", 38))).then()
                .statusCode(CONFLICT.getStatusCode());
    }

    @Test
    void shouldHandTheCaseToTheOfficeOfTheNewResidenceWhichThenAsksThePartnersAgain() {
        String caseId = api.open(CaseTypeSamples.of("SKILLED_WORKER_ACADEMIC"));
        api.tickAll(caseId);
        int before = api.awaitRequested(caseId, api.get(caseId).getList("interactions").size()).size();

        api.command(caseId, "transfer", Map.of("postalCode", "80331", "reason", "Umzug nach München"))
                .then().statusCode(OK.getStatusCode()).body("status", equalTo("TRANSFERRED"))
                .body("officeId", equalTo("abh-muenchen")).body("routing.officeLand", equalTo("DE-BY"));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.events(caseId, EventType.CASE_INTERACTION_CANCELLED,
                InteractionCancelled.class).size() == before);

        api.command(caseId, "transfer-acceptance", null).then().statusCode(OK.getStatusCode())
                .body("status", equalTo("CONSULTATIONS_RUNNING"));
        List<InteractionRequested> again = api.awaitRequested(caseId, 2 * before);
        assertThat(again.subList(before, again.size())).allSatisfy(r -> {
            assertThat(r.officeId()).isEqualTo("abh-muenchen");
            assertThat(r.officeLand()).isEqualTo("DE-BY");
        });
    }

    @Test
    void shouldLetTheReceivingOfficeTakeTheCaseOverThroughItsHandOverAnswerButNotAnEarlierOffice() {
        String caseId = api.open(CaseTypeSamples.of("SKILLED_WORKER_ACADEMIC"));
        api.command(caseId, "transfer", Map.of("toOfficeId", "abh-kiel", "reason", "Umzug nach Kiel"))
                .then().statusCode(OK.getStatusCode()).body("status", equalTo("TRANSFERRED"));
        // Kiel finds it is not competent: the case stays TRANSFERRED and may be transferred on.
        api.partnerSays(new InteractionAnswered(UUID.randomUUID().toString(), caseId, "OFFICE_HANDOVER", "abh-kiel",
                "NOT_COMPETENT", false, "Kein Wohnsitz im Bezirk", List.of(), Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.timelineTypes(caseId)
                .contains(EventType.INTERACTION_ANSWERED.type()));
        api.command(caseId, "transfer", Map.of("postalCode", "80331", "reason", "Umzug nach München"))
                .then().statusCode(OK.getStatusCode()).body("officeId", equalTo("abh-muenchen"));

        api.partnerSays(new InteractionAnswered(UUID.randomUUID().toString(), caseId, "OFFICE_HANDOVER", "abh-kiel",
                "ACCEPTED", false, null, List.of(), Instant.now()));
        api.partnerSays(new InteractionAnswered(UUID.randomUUID().toString(), caseId, "OFFICE_HANDOVER",
                "abh-muenchen", "ACCEPTED", false, null, List.of(), Instant.now()));

        api.awaitStatus(caseId, "RECEIVED");
        assertThat(api.get(caseId).getString("officeId")).isEqualTo("abh-muenchen");
    }

    @Test
    void shouldLinkTheCasesOfOnePersonByTheirAzrNumber() {
        Map<String, Object> first = CaseApi.openBody(CaseTypeSamples.of("STUDENT"));
        @SuppressWarnings("unchecked")
        Map<String, Object> applicant = (Map<String, Object>) first.get("applicant");
        applicant.put("azrNumber", "AZR" + System.nanoTime() % 1_000_000_000L);
        String studentCase = api.open(first).then().statusCode(201).extract().path("caseId");
        Map<String, Object> second = CaseApi.openBody(CaseTypeSamples.of("EXTENSION"));
        second.put("applicant", applicant);
        String extensionCase = api.open(second).then().statusCode(201).extract().path("caseId");

        assertThat(api.get(extensionCase).getList("linkedCaseIds")).containsExactly(studentCase);
        assertThat(api.get(studentCase).getList("linkedCaseIds")).containsExactly(extensionCase);
    }
}
