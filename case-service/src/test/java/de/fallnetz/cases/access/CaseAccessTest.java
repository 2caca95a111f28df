package de.fallnetz.cases.access;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.CREATED;
import static jakarta.ws.rs.core.Response.Status.FORBIDDEN;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.OK;
import static jakarta.ws.rs.core.Response.Status.UNAUTHORIZED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.fallnetz.cases.OfficeClerkTokens;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.Fixtures;
import de.fallnetz.devstack.PartnerTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Need-to-know in case-service itself, whoever calls it: the gateway or anyone who reaches it directly. */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service",
        value = "case-service"))
class CaseAccessTest {

    private static final PartnerTokens TOKENS = PartnerTokens.shared();

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static String clerk(String office) {
        return TOKENS.mintUser("clerk-" + UUID.randomUUID(), List.of("clerk"), office);
    }

    private static String openBerlinCase() {
        return as(clerk("abh-berlin")).contentType(ContentType.JSON).body(Fixtures.openCaseJson())
                .when().post("/cases")
                .then().statusCode(CREATED.getStatusCode()).body("officeId", equalTo("abh-berlin"))
                .extract().path("caseId");
    }

    @Test
    void shouldShowACaseToTheClerksOfItsOfficeAndToNoOtherOffice() {
        String caseId = openBerlinCase();

        as(clerk("abh-berlin")).when().get("/cases/{id}", caseId).then().statusCode(OK.getStatusCode());
        as(clerk("abh-muenchen")).when().get("/cases/{id}", caseId)
                .then().statusCode(NOT_FOUND.getStatusCode()).contentType("application/problem+json");
        as(clerk("abh-muenchen")).when().get("/cases/{id}/timeline", caseId)
                .then().statusCode(NOT_FOUND.getStatusCode());
        as(clerk("abh-muenchen")).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("assignee", "clerk-9")).when().post("/cases/{id}/assignment", caseId)
                .then().statusCode(NOT_FOUND.getStatusCode());
    }

    @Test
    void shouldOpenAnOfficesWorklistOnlyToItsOwnStaff() {
        as(clerk("abh-berlin")).queryParam("officeId", "abh-berlin").when().get("/cases")
                .then().statusCode(OK.getStatusCode());
        as(clerk("abh-muenchen")).queryParam("officeId", "abh-berlin").when().get("/cases")
                .then().statusCode(FORBIDDEN.getStatusCode()).contentType("application/problem+json");
    }

    @Test
    void shouldKeepCaseContentFromRolesWithoutCaseWork() {
        String caseId = openBerlinCase();
        for (String role : List.of("dpo", "operator", "partner")) {
            as(TOKENS.mintUser("someone", List.of(role), "abh-berlin")).when().get("/cases/{id}", caseId)
                    .then().statusCode(FORBIDDEN.getStatusCode()).contentType("application/problem+json");
        }
    }

    @Test
    void shouldRefuseCallersWithoutAValidTokenOfTheGateway() throws Exception {
        String caseId = openBerlinCase();
        given().header(OfficeClerkTokens.ANONYMOUS, "yes").when().get("/cases/{id}", caseId)
                .then().statusCode(UNAUTHORIZED.getStatusCode()).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        String forged = PartnerTokens.generate(Files.createTempDirectory("forger-"))
                .mintUser("clerk-1", List.of("clerk"), "abh-berlin");
        as(forged).when().get("/cases/{id}", caseId).then().statusCode(UNAUTHORIZED.getStatusCode());
        String expired = TOKENS.sign("clerk-1", List.of("clerk"), Duration.ofMinutes(-10),
                Map.of("office_id", "abh-berlin"));
        as(expired).when().get("/cases/{id}", caseId).then().statusCode(UNAUTHORIZED.getStatusCode());
        given().header(OfficeClerkTokens.ANONYMOUS, "yes").when().get("/case-types")
                .then().statusCode(UNAUTHORIZED.getStatusCode());
    }

    @Test
    void shouldKeepTheIdempotencyKeysOfTwoCallersApart() {
        String key = UUID.randomUUID().toString();
        String first = as(clerk("abh-berlin")).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Fixtures.openCaseJson()).when().post("/cases")
                .then().statusCode(CREATED.getStatusCode()).extract().path("caseId");
        String second = as(clerk("abh-berlin")).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Fixtures.openCaseJson()).when().post("/cases")
                .then().statusCode(CREATED.getStatusCode()).extract().path("caseId");

        assertThat(second).isNotEqualTo(first);
    }
}
