package de.fallnetz.systemtests;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.OK;
import static jakarta.ws.rs.core.Response.Status.UNAUTHORIZED;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.KeycloakTokens;
import de.fallnetz.devstack.PartnerTokens;
import de.fallnetz.devstack.SharedKeycloak;

/** Sign-in and need-to-know across the real processes: Keycloak, the gateway, case-service, ba-consent. */
class IdentityIT {

    private static RunningSystem system;
    private static KeycloakTokens tokens;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        tokens = SharedKeycloak.tokens();
    }

    @Test
    void shouldHideACaseFromAnotherOfficeAndAuditEveryAttempt() {
        String caseId = system.openCase();
        String gateway = system.url(FallnetzService.GATEWAY);

        given().baseUri(gateway).auth().oauth2(tokens.user("anna.schmidt")).when().get("/api/cases/{id}", caseId)
                .then().statusCode(OK.getStatusCode());
        given().baseUri(gateway).auth().oauth2(tokens.user("clara.huber")).when().get("/api/cases/{id}", caseId)
                .then().statusCode(NOT_FOUND.getStatusCode()).contentType("application/problem+json");

        given().baseUri(gateway).auth().oauth2(tokens.user("dora.fischer")).queryParam("caseId", caseId)
                .when().get("/api/audit")
                .then().statusCode(OK.getStatusCode())
                .body("items.actor", hasItems("anna.schmidt", "clara.huber"));
    }

    @Test
    void shouldRefuseACallPastTheGatewayWithoutTheGatewaysToken() throws Exception {
        String caseId = system.openCase();
        String caseService = system.url(FallnetzService.CASE_SERVICE);

        given().baseUri(caseService).when().get("/cases/{id}", caseId)
                .then().statusCode(UNAUTHORIZED.getStatusCode()).contentType("application/problem+json");
        String forged = PartnerTokens.generate(Files.createTempDirectory("forger-"))
                .mintUser("anna.schmidt", List.of("clerk"), "abh-berlin");
        given().baseUri(caseService).auth().oauth2(forged).when().get("/cases/{id}", caseId)
                .then().statusCode(UNAUTHORIZED.getStatusCode());
        // The provider's own token is no good past the gateway either.
        given().baseUri(caseService).auth().oauth2(tokens.user("anna.schmidt")).when().get("/cases/{id}", caseId)
                .then().statusCode(UNAUTHORIZED.getStatusCode());
    }

    @Test
    void shouldServeAPartnerThroughTheFrontDoorOnlyWhatIsAddressedToIt() {
        String gateway = system.url(FallnetzService.GATEWAY);
        String bamf = tokens.partner("bamf");

        given().baseUri(gateway).auth().oauth2(bamf).when().get("/partner/v1/ba-consent/requests")
                .then().statusCode(OK.getStatusCode()).body("items", notNullValue());
        given().baseUri(gateway).auth().oauth2(bamf).when()
                .get("/partner/v1/ba-consent/requests/{id}", UUID.randomUUID())
                .then().statusCode(NOT_FOUND.getStatusCode()).contentType("application/problem+json");
    }
}
