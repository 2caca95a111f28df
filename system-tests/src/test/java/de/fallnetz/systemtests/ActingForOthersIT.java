package de.fallnetz.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.PartnerTokens;
import de.fallnetz.devstack.SharedKeycloak;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Others acting on a case across the packaged services as real processes: a relocation agency under a power of
 * attorney sub-delegated by the employer, cut off when the applicant revokes; and the office of the new residence
 * taking a transferred case over through office-transfer's partner API.
 */
class ActingForOthersIT {

    private static RunningSystem system;
    private static String gateway;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        gateway = system.url(FallnetzService.GATEWAY);
    }

    @Test
    void shouldHandTheCaseToTheSubAuthorisedAgencyAndCutItOffWhenTheApplicantRevokes() {
        String caseId = system.openCase(
                RunningSystem.acceleratedCaseWithRelocationAgency("Sharma", "Ravi", "1990-02-11", "IND"));

        String relocation = system.url(FallnetzService.RELOCATION_HANDOFF);
        String employer = grant(relocation, caseId, "employer-beispiel", null, true);
        PartnerTokens tokens = PartnerTokens.shared();
        given().baseUri(relocation).auth().oauth2(tokens.mint("employer-beispiel")).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(power(null, "relocation-muster", false, Instant.now().plus(Duration.ofDays(90))))
                .when().post("/partner/v1/powers-of-attorney/" + employer + "/sub-delegations")
                .then().statusCode(201);

        tickAll(caseId);
        String handOff = await().atMost(Duration.ofMinutes(1)).until(() -> read(caseId)
                .getList("interactions.findAll { it.kind == 'RELOCATION_HANDOFF' }.interactionId", String.class),
                ids -> ids.size() == 1).get(0);
        String agency = tokens.mint("relocation-muster");
        await().atMost(Duration.ofMinutes(1)).until(() -> given().baseUri(relocation).auth().oauth2(agency)
                .when().get("/partner/v1/requests/" + handOff).statusCode() == 200);

        given().baseUri(relocation).auth().oauth2(clerk()).contentType(ContentType.JSON)
                .body(Map.of("revokedBy", "APPLICANT", "reason", "Widerruf gegenüber der Ausländerbehörde"))
                .when().post("/api/powers-of-attorney/" + employer + "/revocation").then().statusCode(200);

        given().baseUri(relocation).auth().oauth2(agency).when().get("/partner/v1/requests/" + handOff)
                .then().statusCode(404);
        await().atMost(Duration.ofMinutes(1)).until(() -> read(caseId)
                .getList("interactions.findAll { it.kind == 'RELOCATION_HANDOFF' }.state", String.class),
                states -> states.equals(List.of("CANCELLED")));
    }

    @Test
    void shouldLetTheOfficeOfTheNewResidenceTakeTheTransferredCaseOverThroughItsHandOver() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseType", "STUDENT");
        body.put("applicant", Map.of("familyName", "Li", "givenNames", "Wei", "dateOfBirth", "2001-03-04",
                "nationality", "CHN", "preferredLanguage", "en"));
        body.put("application", Map.of("postalCode", "10115", "university", "Technische Universität Berlin",
                "studyProgramme", "M.Sc. Computer Science", "studyStart", "2026-10-01", "financing",
                "BLOCKED_ACCOUNT"));
        String caseId = system.openCase(body);

        command(caseId, "transfer", Map.of("toOfficeId", "abh-muenchen", "reason", "Umzug nach München"));
        // The case now belongs to the office of the new residence: only its clerks read it (Berlin's get 404).
        String clara = SharedKeycloak.tokens().user("clara.huber");
        assertThat(read(caseId, clara).getString("status")).isEqualTo("TRANSFERRED");

        String transfer = system.url(FallnetzService.OFFICE_TRANSFER);
        String muenchen = PartnerTokens.shared().mint("abh-muenchen");
        JsonPath handOver = await().atMost(Duration.ofMinutes(1)).until(() -> given().baseUri(transfer)
                .auth().oauth2(muenchen).queryParam("kind", "OFFICE_HANDOVER").when().get("/partner/v1/requests")
                .then().statusCode(200).extract().jsonPath(),
                page -> page.getList("items.findAll { it.caseId == '" + caseId + "' }").size() == 1);
        String id = handOver.getString("items.find { it.caseId == '" + caseId + "' }.id");
        long version = handOver.getLong("items.find { it.caseId == '" + caseId + "' }.version");
        given().baseUri(transfer).auth().oauth2(muenchen).contentType(ContentType.JSON)
                .header("If-Match", "\"" + version + "\"").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("outcome", "ACCEPTED")).when().post("/partner/v1/requests/" + id + "/answer")
                .then().statusCode(200);

        await().atMost(Duration.ofMinutes(1)).until(() -> read(caseId, clara).getString("status"), "RECEIVED"::equals);
        assertThat(read(caseId, clara).getString("officeId")).isEqualTo("abh-muenchen");
    }

    private static String grant(String relocation, String caseId, String holder, String parent, boolean sub) {
        Map<String, Object> power = power(parent, holder, sub, Instant.now().plus(Duration.ofDays(180)));
        power.put("caseId", caseId);
        return given().baseUri(relocation).auth().oauth2(clerk()).contentType(ContentType.JSON).body(power)
                .when().post("/api/powers-of-attorney").then().statusCode(201).extract().path("id");
    }

    /** The internal token the gateway forwards for a clerk of the office. */
    private static String clerk() {
        return PartnerTokens.shared().mintUser("anna", List.of("clerk"), "abh-berlin");
    }

    private static Map<String, Object> power(String parent, String holder, boolean sub, Instant until) {
        Map<String, Object> power = new HashMap<>();
        power.put("holder", holder);
        power.put("parentId", parent);
        power.put("subDelegationAllowed", sub);
        power.put("caseTypes", List.of("ACCELERATED_SKILLED_WORKER"));
        power.put("acts", List.of("FILE", "RECEIVE_DOCUMENTS", "ANSWER"));
        power.put("validUntil", until.toString());
        return power;
    }

    private static JsonPath read(String caseId) {
        return system.readCase(caseId);
    }

    private static JsonPath read(String caseId, String token) {
        return given().baseUri(gateway).auth().oauth2(token).when().get("/api/cases/" + caseId).then().statusCode(200)
                .extract().jsonPath();
    }

    private static void command(String caseId, String path, Object body) {
        system.command(caseId, path, body);
    }

    private static void tickAll(String caseId) {
        for (String item : read(caseId).getList("checklist.id", String.class)) {
            command(caseId, "checklist/" + item + "/tick", Map.of("note", "liegt vor"));
        }
    }
}
