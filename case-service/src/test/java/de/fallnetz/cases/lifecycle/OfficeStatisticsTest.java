package de.fallnetz.cases.lifecycle;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.BAD_REQUEST;
import static jakarta.ws.rs.core.Response.Status.FORBIDDEN;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.InteractionDeemedGranted;
import de.fallnetz.contracts.events.InteractionDelivered;
import de.fallnetz.contracts.events.InteractionRequested;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.PartnerTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The team lead's statistics of their own office, and the worklist's search by date of birth. */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "case-service"))
class OfficeStatisticsTest {

    private static final CaseApi api = CaseApi.onSharedStack();
    private static final PartnerTokens TOKENS = PartnerTokens.shared();

    /** A case at the office of Potsdam (postal code 14467) under a family name and date of birth of its own. */
    private static String openInPotsdam(String familyName, String dateOfBirth, String type) {
        Map<String, Object> body = CaseApi.openBody(CaseTypeSamples.of(type));
        Map<String, Object> application = new HashMap<>(CaseTypeSamples.of(type).application());
        application.put("postalCode", "14467");
        body.put("application", application);
        @SuppressWarnings("unchecked")
        Map<String, Object> applicant = (Map<String, Object>) body.get("applicant");
        applicant.put("familyName", familyName);
        applicant.put("dateOfBirth", dateOfBirth);
        return api.open(body).then().statusCode(201).extract().path("caseId");
    }

    private static JsonPath statistics(String office) {
        return given().auth().oauth2(TOKENS.mintUser("lead@" + office, List.of("team-lead"), office))
                .when().get("/statistics")
                .then().statusCode(OK.getStatusCode()).extract().jsonPath();
    }

    @Test
    void shouldCountTheBacklogPerClerkOverdueCasesRecentCasesAndDeemedConsentsOfTheTeamLeadsOffice() {
        String caseId = openInPotsdam("Stats" + UUID.randomUUID().toString().substring(0, 6), "1980-01-01",
                "BLUE_CARD");
        String office = api.get(caseId).getString("officeId");
        JsonPath before = statistics(office);

        String clerk = "clerk-" + UUID.randomUUID();
        api.command(caseId, "assignment", Map.of("assignee", clerk)).then().statusCode(200);
        openInPotsdam("Stats" + UUID.randomUUID().toString().substring(0, 6), "1980-01-01", "STUDENT");
        api.tickAll(caseId);
        List<InteractionRequested> requests = api.awaitRequested(caseId,
                api.get(caseId).getList("interactions").size());
        Instant now = Instant.now();
        for (InteractionRequested r : requests) {
            api.partnerSays(new InteractionDelivered(r.interactionId(), caseId, r.kind(), r.partnerOrganisation(),
                    now.minus(Duration.ofDays(1)), now));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(caseId).getString("nextDeadlineAt") != null);

        JsonPath overdue = statistics(office);
        assertThat(overdue.getString("officeId")).isEqualTo(office);
        assertThat(overdue.getList("backlog.findAll { it.assignee == '" + clerk + "' }.open", Integer.class))
                .containsExactly(1);
        assertThat(overdue.getList("backlog.findAll { it.assignee == '" + clerk + "' }.overdue", Integer.class))
                .containsExactly(1);
        assertThat(overdue.getLong("overdue")).isEqualTo(before.getLong("overdue") + 1);
        assertThat(overdue.getLong("openedLast30Days")).isEqualTo(before.getLong("openedLast30Days") + 1);
        assertThat(overdue.getLong("decidedLast30Days")).isEqualTo(before.getLong("decidedLast30Days"));

        // The BA stays silent where silence is consent.
        InteractionRequested ba = requests.stream().filter(r -> r.kind().equals("BA_CONSENT")).findFirst()
                .orElseThrow();
        api.partnerSays(new InteractionDeemedGranted(ba.interactionId(), caseId, ba.kind(), ba.partnerOrganisation(),
                "§36 Abs. 2 BeschV", now.minus(Duration.ofDays(1)), now));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(caseId).getList("interactions.state")
                .contains("DEEMED_GRANTED"));
        JsonPath deemed = statistics(office);
        assertThat(deemed.getLong("deemedConsents")).isEqualTo(before.getLong("deemedConsents") + 1);
        assertThat(deemed.getLong("deemedConsentsLast30Days"))
                .isEqualTo(before.getLong("deemedConsentsLast30Days") + 1);
    }

    @Test
    void shouldShowATeamLeadOnlyTheirOwnOfficeAndRefuseClerks() {
        String potsdam = api.get(openInPotsdam("Own" + UUID.randomUUID().toString().substring(0, 6), "1980-01-01",
                "STUDENT")).getString("officeId");
        assertThat(statistics("abh-berlin").getString("officeId")).isEqualTo("abh-berlin");
        long berlinBacklog = statistics("abh-berlin").getList("backlog.open", Long.class).stream()
                .mapToLong(Long::longValue).sum();
        long potsdamBacklog = statistics(potsdam).getList("backlog.open", Long.class).stream()
                .mapToLong(Long::longValue).sum();
        assertThat(potsdamBacklog).isPositive();
        assertThat(statistics("abh-berlin").getList("backlog.open", Long.class).stream().mapToLong(Long::longValue)
                .sum()).isEqualTo(berlinBacklog);

        given().auth().oauth2(TOKENS.mintUser("clerk@" + potsdam, List.of("clerk"), potsdam))
                .when().get("/statistics")
                .then().statusCode(FORBIDDEN.getStatusCode())
                .contentType("application/problem+json");
        given().auth().oauth2(TOKENS.mintUser("lead-nowhere", List.of("team-lead"), null))
                .when().get("/statistics")
                .then().statusCode(FORBIDDEN.getStatusCode())
                .contentType("application/problem+json");
    }

    @Test
    void shouldFindTheOfficesCasesByTheExactDateOfBirthOnly() {
        String name = "Born" + UUID.randomUUID().toString().substring(0, 6);
        String born = openInPotsdam(name, "1957-08-23", "STUDENT");
        String other = openInPotsdam(name, "1957-08-24", "STUDENT");
        String office = api.get(born).getString("officeId");

        List<String> found = given().queryParam("officeId", office).queryParam("dateOfBirth", "1957-08-23")
                .when().get("/cases")
                .then().statusCode(OK.getStatusCode()).extract().jsonPath().getList("items.caseId", String.class);
        assertThat(found).contains(born).doesNotContain(other);
        assertThat(given().queryParam("officeId", office).queryParam("dateOfBirth", "1957-08-23")
                .queryParam("q", name).when().get("/cases").then().statusCode(OK.getStatusCode()).extract()
                .jsonPath().getList("items.caseId", String.class)).containsExactly(born);

        // Need-to-know unchanged: another office's worklist stays closed, whatever the date.
        given().auth().oauth2(TOKENS.mintUser("clerk@abh-berlin", List.of("clerk"), "abh-berlin"))
                .queryParam("officeId", office).queryParam("dateOfBirth", "1957-08-23")
                .when().get("/cases")
                .then().statusCode(FORBIDDEN.getStatusCode());
        given().queryParam("officeId", office).queryParam("dateOfBirth", "1957-02-30")
                .when().get("/cases")
                .then().statusCode(BAD_REQUEST.getStatusCode())
                .contentType("application/problem+json");
        given().queryParam("officeId", office).queryParam("dateOfBirth", "23.08.1957")
                .when().get("/cases")
                .then().statusCode(BAD_REQUEST.getStatusCode())
                .contentType("application/problem+json");
    }
}
