package de.fallnetz.gateway;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.OK;
import static jakarta.ws.rs.core.Response.Status.SERVICE_UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import de.fallnetz.devstack.DatabaseTestClient;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.Fixtures;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@TestProfile(CaseServiceDown.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class CaseGatewayResourceTest {

    private final DatabaseTestClient db = DatabaseTestClient.onSharedStack(FallnetzService.GATEWAY);

    /** What the gateway can judge by the request's shape; content the catalogue decides is the case service's. */
    static List<Fixtures.BadRequest> badRequests() {
        return Fixtures.badOpenCaseRequests().stream().filter(bad -> bad.status() != 422).toList();
    }

    // The case service is down: a bad request answered with its own 4xx was refused here, never forwarded.
    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void shouldRefuseBadInputAtTheEdgeWithAProblem(Fixtures.BadRequest bad) {
        var response = Callers.asClerk()
                .contentType(bad.contentType())
                .body(bad.body())
                .when().post("/api/cases")
                .then().statusCode(bad.status())
                .contentType("application/problem+json")
                .body("status", equalTo(bad.status()))
                .body("title", notNullValue());
        if (bad.invalidParam() != null) {
            response.body("invalidParams.name", hasItem(bad.invalidParam()));
        }
    }

    @Test
    void shouldAnswerAServiceUnavailableProblemNamingTheKeyToRetryWithWhenTheCaseServiceCannotBeReached() {
        String key = UUID.randomUUID().toString();
        Callers.asClerk().contentType(ContentType.JSON).header("Idempotency-Key", key).body(Fixtures.openCaseJson())
                .when().post("/api/cases")
                .then().statusCode(SERVICE_UNAVAILABLE.getStatusCode())
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .header("Idempotency-Key", key)
                .body("type", equalTo("urn:fallnetz:problem:service-unavailable"))
                .body("detail", containsString("Idempotency-Key"));
    }

    @Test
    void shouldHandTheClientTheKeyItMadeUpSoThatARetryCannotOpenTheCaseTwice() {
        Callers.asClerk().contentType(ContentType.JSON).body(Fixtures.openCaseJson())
                .when().post("/api/cases")
                .then().statusCode(SERVICE_UNAVAILABLE.getStatusCode())
                .header("Idempotency-Key", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void shouldAuditAReadOfPersonalDataBeforeAttemptingIt() {
        String caseId = UUID.randomUUID().toString();

        Callers.asClerk().when().get("/api/cases/{id}", caseId)
                .then().statusCode(SERVICE_UNAVAILABLE.getStatusCode())
                .contentType("application/problem+json");

        assertThat(db.count("audit_log", "case_id = '" + caseId + "' and action = 'case.read'")).isEqualTo(1);
    }

    @Test
    void shouldServeAStartPageThatLeadsToTheApiDocumentation() {
        given().when().get("/")
                .then().statusCode(OK.getStatusCode())
                .body(containsString("/q/swagger-ui"));
    }

    @Test
    void shouldDescribeTheCaseApiInOpenApi() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(OK.getStatusCode())
                .body("paths.'/api/cases'.post", notNullValue())
                .body("paths.'/api/cases/{caseId}/timeline'.get", notNullValue());
    }
}
