package de.fallnetz.cases.lifecycle;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.CONFLICT;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.OK;
import static jakarta.ws.rs.core.Response.Status.PRECONDITION_FAILED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.DatabaseTestClient;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The frame every command shares: If-Match, Idempotency-Key, the status's allowed commands, problem answers. */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "case-service"))
class CaseCommandRulesTest {

    private static final CaseApi api = CaseApi.onSharedStack();

    private final DatabaseTestClient tables = DatabaseTestClient.onSharedStack(FallnetzService.CASE_SERVICE);

    @Test
    void shouldRefuseACommandOnAStaleVersionWith412AndChangeNothing() {
        String caseId = api.open(CaseTypeSamples.of("STUDENT"));
        long version = api.version(caseId);
        api.command(caseId, "assignment", Map.of("assignee", "clerk-1"), version).then().statusCode(OK.getStatusCode());

        api.command(caseId, "assignment", Map.of("assignee", "clerk-2"), version)
                .then().statusCode(PRECONDITION_FAILED.getStatusCode()).contentType("application/problem+json")
                .body("currentVersion", equalTo((int) version + 1));
        assertThat(api.get(caseId).getString("assignee")).isEqualTo("clerk-1");
    }

    @Test
    void shouldAskForIfMatchWith428() {
        String caseId = api.open(CaseTypeSamples.of("STUDENT"));
        given().contentType(ContentType.JSON).body(Map.of("assignee", "clerk-1"))
                .when().post("/cases/" + caseId + "/assignment")
                .then().statusCode(428).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("If-Match", "\"seven\"").body(Map.of("assignee", "clerk-1"))
                .when().post("/cases/" + caseId + "/assignment")
                .then().statusCode(400).body("invalidParams.name", hasItem("If-Match"));
    }

    @Test
    void shouldAnswerACommandTheStatusDoesNotAllowWith409NamingTheStatusAndTheAllowedCommands() {
        String caseId = api.open(CaseTypeSamples.of("STUDENT"));
        long version = api.version(caseId);

        api.command(caseId, "decision", Map.of("outcome", "GRANTED", "decidedBy", "clerk-1"), version)
                .then().statusCode(CONFLICT.getStatusCode()).contentType("application/problem+json")
                .body("currentStatus", equalTo("RECEIVED"))
                .body("allowedCommands", contains("assignment", "document-requests", "tick", "transfer", "untick",
                        "withdrawal"));
        assertThat(api.version(caseId)).isEqualTo(version);
        assertThat(tables.count("case_document", "case_id = '" + caseId + "'")).isZero();
    }

    @Test
    void shouldApplyACommandRepeatedWithTheSameIdempotencyKeyOnlyOnce() {
        String caseId = api.open(CaseTypeSamples.of("STUDENT"));
        long version = api.version(caseId);
        String key = UUID.randomUUID().toString();
        var body = Map.of("itemIds", java.util.List.of(api.checklistIds(caseId).get(0)), "note", "Bitte nachreichen");

        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"")
                    .header("Idempotency-Key", key).body(body)
                    .when().post("/cases/" + caseId + "/document-requests")
                    .then().statusCode(OK.getStatusCode()).body("version", equalTo((int) version + 1))
                    .body("status", equalTo("DOCUMENTS_REQUESTED"));
        }
        assertThat(tables.count("timeline_entry", "case_id = '" + caseId
                + "' and event_type = 'de.fallnetz.case.documents-requested'")).isEqualTo(1);
        given().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"")
                .header("Idempotency-Key", key).body(Map.of("itemIds", java.util.List.of("passport")))
                .when().post("/cases/" + caseId + "/document-requests")
                .then().statusCode(422).body("type", equalTo("urn:fallnetz:problem:idempotency-key-reused"));
    }

    @Test
    void shouldAnswerUnknownCasesItemsAndInteractionsWith404() {
        String caseId = api.open(CaseTypeSamples.of("STUDENT"));
        api.command(UUID.randomUUID().toString(), "assignment", Map.of("assignee", "x"), 0)
                .then().statusCode(NOT_FOUND.getStatusCode()).contentType("application/problem+json");
        api.command(caseId, "checklist/no-such-item/tick", null).then().statusCode(NOT_FOUND.getStatusCode());
        api.command(caseId, "interactions/" + UUID.randomUUID() + "/information", Map.of("data", Map.of()))
                .then().statusCode(CONFLICT.getStatusCode()); // not allowed before consultations run
    }

    @Test
    void shouldRequireANoteToUntickAndRejectMalformedCommandBodies() {
        String caseId = api.open(CaseTypeSamples.of("STUDENT"));
        String item = api.checklistIds(caseId).get(0);
        api.command(caseId, "checklist/" + item + "/untick", Map.of()).then().statusCode(400)
                .body("invalidParams.name", hasItem("note"));
        api.command(caseId, "assignment", Map.of("assignee", "")).then().statusCode(400)
                .body("invalidParams.name", hasItem("assignee"));
        api.command(caseId, "assignment", Map.of("assignee", "clerk", "extra", 1)).then().statusCode(400);
        api.command(caseId, "hearing", Map.of("heardAt", "2999-01-01T00:00:00Z", "statement", "x")).then()
                .statusCode(400).body("invalidParams.name", hasItem("heardAt"));
        api.command(caseId, "transfer", Map.of("reason", "Umzug")).then().statusCode(anyOf4xx());
        assertThat(api.version(caseId)).isZero();
    }

    private static org.hamcrest.Matcher<Integer> anyOf4xx() {
        return org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                .and(org.hamcrest.Matchers.lessThan(500));
    }
}
