package de.fallnetz.cases.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.InteractionDelivered;
import de.fallnetz.contracts.events.InteractionRequested;
import de.fallnetz.devstack.FallnetzStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "case-service"))
class WorklistTest {

    private static final CaseApi api = CaseApi.onSharedStack();

    /** Cases of a family name no other test uses, at the office of Potsdam, so the office's list is this test's. */
    private static String openAt(String postalCode, String familyName, String type) {
        Map<String, Object> body = CaseApi.openBody(CaseTypeSamples.of(type));
        Map<String, Object> application = new HashMap<>(CaseTypeSamples.of(type).application());
        application.put("postalCode", postalCode);
        body.put("application", application);
        @SuppressWarnings("unchecked")
        Map<String, Object> applicant = (Map<String, Object>) body.get("applicant");
        applicant.put("familyName", familyName);
        return api.open(body).then().statusCode(201).extract().path("caseId");
    }

    private static String officeOf(String caseId) {
        return api.get(caseId).getString("officeId");
    }

    private static JsonPath worklist(Map<String, Object> query) {
        return given().queryParams(query).when().get("/cases").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldPageThroughAnOfficesCasesByKeysetWithoutGapsOrRepeats() {
        String name = "Page" + UUID.randomUUID().toString().substring(0, 6);
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            opened.add(openAt("14467", name, "STUDENT"));
        }
        String office = officeOf(opened.get(0));
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, Object> query = new HashMap<>(Map.of("officeId", office, "q", name, "limit", 10));
            if (after != null) {
                query.put("after", after);
            }
            JsonPath page = worklist(query);
            seen.addAll(page.getList("items.caseId", String.class));
            after = page.getString("nextCursor");
            pages++;
        } while (after != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(23).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(opened);
        assertThat(seen).isSorted();
    }

    @Test
    void shouldPutTheNearestPartnerDeadlineFirstAndMarkOverdueCases() {
        String name = "Due" + UUID.randomUUID().toString().substring(0, 6);
        Instant now = Instant.now();
        Map<String, Instant> due = new HashMap<>();
        List<Duration> offsets = List.of(Duration.ofDays(3), Duration.ofDays(-1), Duration.ofDays(1));
        String office = null;
        for (Duration offset : offsets) {
            String caseId = openAt("14467", name, "BLUE_CARD");
            office = officeOf(caseId);
            api.tickAll(caseId);
            List<InteractionRequested> requests = api.awaitRequested(caseId,
                    api.get(caseId).getList("interactions").size());
            for (InteractionRequested r : requests) {
                api.partnerSays(new InteractionDelivered(r.interactionId(), caseId, r.kind(), r.partnerOrganisation(),
                        r.kind().equals("BA_CONSENT") ? now.plus(offset) : null, now));
            }
            due.put(caseId, now.plus(offset));
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get(caseId).getString("nextDeadlineAt") != null);
        }
        String theOffice = office;
        JsonPath list = worklist(Map.of("officeId", theOffice, "q", name));
        List<String> order = list.getList("items.caseId", String.class);
        assertThat(order).containsExactlyElementsOf(due.entrySet().stream()
                .sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList());
        assertThat(list.getList("items.overdue", Boolean.class)).containsExactly(true, false, false);
        assertThat(worklist(Map.of("officeId", theOffice, "q", name, "overdue", true))
                .getList("items.caseId", String.class)).containsExactly(order.get(0));
        assertThat(list.getMap("countsByStatus")).containsEntry("CONSULTATIONS_RUNNING", 3);
    }

    @Test
    void shouldFilterByStatusAssigneeCaseTypeAndCaseId() {
        String name = "Filter" + UUID.randomUUID().toString().substring(0, 6);
        String student = openAt("14467", name, "STUDENT");
        String extension = openAt("14467", name, "EXTENSION");
        String office = officeOf(student);
        api.command(student, "assignment", Map.of("assignee", "clerk-potsdam-3")).then().statusCode(200);

        assertThat(worklist(Map.of("officeId", office, "q", name, "assignee", "clerk-potsdam-3"))
                .getList("items.caseId", String.class)).containsExactly(student);
        assertThat(worklist(Map.of("officeId", office, "q", name, "unassigned", true))
                .getList("items.caseId", String.class)).containsExactly(extension);
        assertThat(worklist(Map.of("officeId", office, "q", name, "caseType", "EXTENSION"))
                .getList("items.caseId", String.class)).containsExactly(extension);
        assertThat(worklist(Map.of("officeId", office, "q", student)).getList("items.caseId", String.class))
                .containsExactly(student);
        assertThat(worklist(Map.of("officeId", "abh-berlin", "q", name)).getList("items")).isEmpty();
    }

    @Test
    void shouldRejectBadWorklistQueriesWithAProblem() {
        given().when().get("/cases").then().statusCode(400).body("invalidParams.name", hasItem("officeId"));
        given().queryParam("officeId", "abh-berlin").queryParam("status", "SLEEPING").when().get("/cases")
                .then().statusCode(400).body("invalidParams.name", hasItem("status"));
        given().queryParam("officeId", "abh-berlin").queryParam("after", "bm90IGEgY3Vyc29y").when().get("/cases")
                .then().statusCode(400).body("invalidParams.name", hasItem("after"));
        given().queryParam("officeId", "abh-berlin").queryParam("limit", 1000).when().get("/cases")
                .then().statusCode(400).contentType("application/problem+json");
        given().queryParam("officeId", "abh-berlin").queryParam("q", "Ngu\u0000yen").when().get("/cases")
                .then().statusCode(400).body("invalidParams.name", hasItem("q"));
        given().urlEncodingEnabled(false).when().get("/cases/%00/timeline")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
