package de.fallnetz.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.PartnerTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A case's whole life across the packaged services as real processes: a clerk works it through the gateway, the BA
 * answers through ba-consent's partner API (or stays silent until its deemed consent), and the decision letter
 * comes back as a PDF.
 */
class CaseLifecycleIT {

    private static RunningSystem system;
    private static String gateway;
    private static String baConsent;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        gateway = system.url(FallnetzService.GATEWAY);
        baConsent = system.url(FallnetzService.BA_CONSENT);
    }

    private static Map<String, Object> applicant(String nationality) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("familyName", "Sharma");
        a.put("givenNames", "Ravi");
        a.put("dateOfBirth", "1990-02-11");
        a.put("nationality", nationality);
        a.put("preferredLanguage", "en");
        return a;
    }

    private static String open(Map<String, Object> body) {
        return system.openCase(body);
    }

    private static JsonPath read(String caseId) {
        return system.readCase(caseId);
    }

    private static JsonPath command(String caseId, String path, Object body) {
        return system.command(caseId, path, body);
    }

    private static void tickAll(String caseId) {
        for (String item : read(caseId).getList("checklist.id", String.class)) {
            command(caseId, "checklist/" + item + "/tick", Map.of("note", "liegt vor"));
        }
    }

    private static void awaitStatus(String caseId, String status) {
        await().atMost(Duration.ofMinutes(1)).until(() -> read(caseId).getString("status"), status::equals);
    }

    /** The BA's request about the case, as its inbox shows it to the BA's token. */
    private static String awaitBaRequest(String caseId, String token) {
        String interactionId = await().atMost(Duration.ofMinutes(1)).until(() -> read(caseId)
                .getList("interactions.findAll { it.kind == 'BA_CONSENT' }.interactionId", String.class),
                ids -> ids.size() == 1).get(0);
        await().atMost(Duration.ofMinutes(1)).until(() -> given().baseUri(baConsent).auth().oauth2(token)
                .when().get("/partner/v1/requests/" + interactionId).statusCode() == 200);
        return interactionId;
    }

    @Test
    void shouldTakeABlueCardAtTheReducedThresholdToItsGrantWithTheBaAnsweringThroughThePartnerApi() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseType", "BLUE_CARD");
        body.put("applicant", applicant("IND"));
        body.put("application", Map.of("postalCode", "10115", "employer", "Beispiel Software GmbH", "jobTitle",
                "Data Engineer", "grossAnnualSalaryEur", 47000, "salaryBand", "REDUCED", "qualification",
                "B.Tech, IIT Madras", "qualificationRecognised", true, "firstIssue", false));
        String caseId = open(body);
        assertThat(read(caseId).getString("officeId")).isEqualTo("abh-berlin");

        tickAll(caseId);
        assertThat(read(caseId).getString("status")).isEqualTo("CONSULTATIONS_RUNNING");

        PartnerTokens tokens = PartnerTokens.shared();
        String ba = tokens.mint("ba-zav");
        String interactionId = awaitBaRequest(caseId, ba);
        // Another partner organisation does not learn that the request exists.
        given().baseUri(baConsent).auth().oauth2(tokens.mint("zab")).when()
                .get("/partner/v1/requests/" + interactionId).then().statusCode(404);

        JsonPath request = given().baseUri(baConsent).auth().oauth2(ba).when()
                .get("/partner/v1/requests/" + interactionId).then().statusCode(200).extract().jsonPath();
        assertThat(request.getMap("data")).containsKeys("employer", "grossAnnualSalaryEur", "familyName")
                .doesNotContainKeys("postalCode", "qualification");
        given().baseUri(baConsent).auth().oauth2(ba).contentType(ContentType.JSON)
                .header("If-Match", "\"" + request.getLong("version") + "\"")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("outcome", "GRANTED_WITH_CONDITIONS", "reasons", "Arbeitsbedingungen geprüft",
                        "conditions", List.of("Beschäftigung nur bei der Beispiel Software GmbH")))
                .when().post("/partner/v1/requests/" + interactionId + "/answer").then().statusCode(200);

        awaitStatus(caseId, "READY_FOR_DECISION");
        JsonPath decided = command(caseId, "decision", Map.of("outcome", "GRANTED", "decidedBy", "clerk-berlin-17",
                "conditions", List.of("Beschäftigung nur bei der Beispiel Software GmbH")));
        assertThat(decided.getString("status")).isEqualTo("DECIDED");
        byte[] pdf = given().baseUri(gateway).when()
                .get("/api/cases/" + caseId + "/documents/" + decided.getString("documents[0].documentId"))
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(system.db(FallnetzService.GATEWAY).count("audit_log",
                "case_id = '" + caseId + "' and action = 'document.read'")).isEqualTo(1);

        List<String> timeline = given().baseUri(gateway).when().get("/api/cases/" + caseId + "/timeline")
                .then().statusCode(200).extract().jsonPath().getList("entries.type", String.class);
        assertThat(timeline).contains("de.fallnetz.case.interaction-requested", "de.fallnetz.interaction.delivered",
                "de.fallnetz.interaction.answered", "de.fallnetz.case.decided");
    }

    @Test
    void shouldDeemTheBasConsentGrantedAfterOneWeekOfSilenceInTheAcceleratedProcedure() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseType", "ACCELERATED_SKILLED_WORKER");
        body.put("openedBy", "EMPLOYER");
        body.put("onBehalfOf", "Beispiel Software GmbH");
        body.put("applicant", applicant("IND"));
        body.put("application", Map.of("placeOfWorkPostalCode", "10115", "employer", "Beispiel Software GmbH",
                "jobTitle", "Backend Developer", "targetTitle", "SKILLED_WORKER_ACADEMIC_18B", "grossAnnualSalaryEur",
                56000, "qualification", "B.E. Computer Engineering", "qualificationRecognised", true));
        String caseId = open(body);
        tickAll(caseId);
        String interactionId = awaitBaRequest(caseId, PartnerTokens.shared().mint("ba-zav"));
        JsonPath delivered = given().baseUri(baConsent).auth().oauth2(PartnerTokens.shared().mint("ba-zav"))
                .when().get("/partner/v1/requests/" + interactionId).then().statusCode(200)
                .body("accelerated", equalTo(true)).body("deadline.amount", equalTo(1))
                .body("deadline.unit", equalTo("WEEKS")).extract().jsonPath();
        assertThat(delivered.getString("dueAt")).isNotNull();

        try {
            // Eight days on, without sleeping: ba-consent runs on a clock moved forward.
            system.restart(FallnetzService.BA_CONSENT, Map.of("FALLNETZ_CLOCK_OFFSET", "P8D"));
            awaitStatus(caseId, "READY_FOR_DECISION");
            assertThat(read(caseId).getList("interactions.state", String.class)).containsExactly("DEEMED_GRANTED");
        } finally {
            system.restart(FallnetzService.BA_CONSENT, Map.of());
        }
    }
}
