package de.fallnetz.cases.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.CaseOpened;
import de.fallnetz.contracts.events.EventType;
import de.fallnetz.devstack.FallnetzStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Opening a case routes it by postal code; an ambiguous one waits for a clerk's choice before anyone hears of it. */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "case-service"))
class RoutingTest {

    /** Spans Berlin (11000) and Schönefeld in Dahme-Spreewald (12061) in the postal-code data. */
    private static final String AMBIGUOUS = "12529";

    private static final CaseApi api = CaseApi.onSharedStack();

    private static Map<String, Object> studentAt(String postalCode, String municipality) {
        Map<String, Object> body = CaseApi.openBody(CaseTypeSamples.of("STUDENT"));
        Map<String, Object> application = new HashMap<>(CaseTypeSamples.of("STUDENT").application());
        application.put("postalCode", postalCode);
        body.put("application", application);
        if (municipality != null) {
            body.put("municipality", municipality);
        }
        return body;
    }

    @Test
    void shouldPutTheRoutingAndItsReasonOnTheCaseAndItsTimeline() {
        String caseId = api.open(studentAt("80331", null)).then().statusCode(201).extract().path("caseId");
        JsonPath c = api.get(caseId);
        assertThat(c.getString("officeId")).isEqualTo("abh-muenchen");
        assertThat(c.getString("routing.reason")).contains("80331").contains("09162");
        assertThat(c.getString("routing.officeLand")).isEqualTo("DE-BY");
        CaseOpened opened = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.events(caseId, EventType.CASE_OPENED, CaseOpened.class), l -> l.size() == 1).get(0);
        assertThat(opened.routingReason()).isEqualTo(c.getString("routing.reason"));
        assertThat(opened.catalogueVersion()).isEqualTo(c.getInt("catalogueVersion"));
    }

    @Test
    void shouldWaitForTheClerksChoiceWhenThePostalCodeSpansSeveralDistricts() {
        String caseId = api.open(studentAt(AMBIGUOUS, null)).then().statusCode(201).extract().path("caseId");
        JsonPath waiting = api.get(caseId);
        assertThat(waiting.getString("status")).isEqualTo("WAITING_FOR_JURISDICTION");
        assertThat(waiting.getString("officeId")).isNull();
        List<String> candidates = waiting.getList("routing.candidateOffices", String.class);
        assertThat(candidates).hasSizeGreaterThanOrEqualTo(2);
        assertThat(api.timelineTypes(caseId)).containsExactly("de.fallnetz.case.waiting-for-jurisdiction");

        api.command(caseId, "checklist/passport/tick", Map.of()).then().statusCode(409);
        api.command(caseId, "office", Map.of("officeId", "abh-muenchen")).then().statusCode(422);
        api.command(caseId, "office", Map.of("officeId", candidates.get(1))).then().statusCode(200);

        JsonPath chosen = api.get(caseId);
        assertThat(chosen.getString("status")).isEqualTo("RECEIVED");
        assertThat(chosen.getString("officeId")).isEqualTo(candidates.get(1));
        assertThat(await().atMost(Duration.ofSeconds(30))
                .until(() -> api.events(caseId, EventType.CASE_OPENED, CaseOpened.class), l -> l.size() == 1).get(0)
                .officeId()).isEqualTo(candidates.get(1));
    }

    @Test
    void shouldDecideAnAmbiguousPostalCodeByTheMunicipalityGiven() {
        String caseId = api.open(studentAt(AMBIGUOUS, "Schönefeld")).then().statusCode(201).extract().path("caseId");
        JsonPath c = api.get(caseId);
        assertThat(c.getString("status")).isEqualTo("RECEIVED");
        assertThat(c.getString("routing.reason")).contains("12061");
    }

    @Test
    void shouldRefuseAnOfficeThatIsNotCompetentForThePostalCode() {
        Map<String, Object> body = studentAt("80331", null);
        body.put("officeId", "abh-berlin");
        api.open(body).then().statusCode(422).contentType("application/problem+json")
                .body("invalidParams[0].name", org.hamcrest.Matchers.equalTo("officeId"));
    }

    @Test
    void shouldRefuseAnUnknownPostalCodeNamingIt() {
        api.open(studentAt("00000", null)).then().statusCode(422)
                .body("invalidParams[0].name", org.hamcrest.Matchers.equalTo("application.postalCode"));
    }
}
