package de.fallnetz.gateway;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.FORBIDDEN;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.OK;
import static jakarta.ws.rs.core.Response.Status.TOO_MANY_REQUESTS;
import static jakarta.ws.rs.core.Response.Status.UNAUTHORIZED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.PartnerTokens;
import de.fallnetz.devstack.SharedKeycloak;
import de.fallnetz.gateway.partner.PartnerFrontDoorConfig;
import de.fallnetz.gateway.partner.PartnerRateLimiter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

@QuarkusTest
@TestProfile(PartnerServiceStub.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class PartnerFrontDoorTest {


    @Inject
    PartnerFrontDoorConfig config;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldRouteAPartnersCallToItsInteractionServiceAsTheGatewaysToken() throws Exception {
        given().auth().oauth2(SharedKeycloak.tokens().partner("ba-zav")).queryParam("limit", 5)
                .when().get("/partner/v1/ba-consent/requests")
                .then().statusCode(OK.getStatusCode())
                .body("items", notNullValue());

        assertThat(PartnerServiceStub.lastUri).isEqualTo("/partner/v1/requests?limit=5");
        JsonNode claims = ForwardedTokens.claims(PartnerServiceStub.lastAuthorization);
        assertThat(claims.get("iss").asText()).isEqualTo(PartnerTokens.ISSUER);
        assertThat(claims.get("partner_org").asText()).isEqualTo("ba-zav");
        assertThat(claims.get("groups").toString()).contains("partner");
    }

    @Test
    void shouldPassOnTheVersionAndIdempotencyKeyOfAnAct() {
        given().auth().oauth2(SharedKeycloak.tokens().partner("bamf")).contentType(ContentType.JSON)
                .header("If-Match", "\"3\"").header("Idempotency-Key", "key-1")
                .body("{\"outcome\":\"GRANTED\"}")
                .when().post("/partner/v1/ba-consent/requests/{id}/answer", "r-1")
                .then().statusCode(OK.getStatusCode())
                .header("ETag", equalTo("\"7\""));

        assertThat(PartnerServiceStub.lastMethod).isEqualTo("POST");
        assertThat(PartnerServiceStub.lastUri).isEqualTo("/partner/v1/requests/r-1/answer");
        assertThat(PartnerServiceStub.lastIfMatch).isEqualTo("\"3\"");
        assertThat(PartnerServiceStub.lastIdempotencyKey).isEqualTo("key-1");
    }

    @Test
    void shouldAnswerNotFoundForAServiceItDoesNotKnow() {
        given().auth().oauth2(SharedKeycloak.tokens().partner("bva"))
                .when().get("/partner/v1/no-such-service/requests")
                .then().statusCode(NOT_FOUND.getStatusCode()).contentType("application/problem+json");
    }

    @Test
    void shouldLetOnlyPartnersIn() {
        given().when().get("/partner/v1/ba-consent/requests")
                .then().statusCode(UNAUTHORIZED.getStatusCode()).contentType("application/problem+json");
        Callers.asClerk().when().get("/partner/v1/ba-consent/requests")
                .then().statusCode(FORBIDDEN.getStatusCode()).contentType("application/problem+json");
    }

    @Test
    void shouldLimitTheRateOfEachClientOnItsOwn() {
        String busy = SharedKeycloak.tokens().partner("welcome-center-berlin");
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(busy).when().get("/partner/v1/ba-consent/requests")
                    .then().statusCode(OK.getStatusCode());
        }
        given().auth().oauth2(busy).when().get("/partner/v1/ba-consent/requests")
                .then().statusCode(TOO_MANY_REQUESTS.getStatusCode()).contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        given().auth().oauth2(SharedKeycloak.tokens().partner("meldeamt-berlin"))
                .when().get("/partner/v1/ba-consent/requests")
                .then().statusCode(OK.getStatusCode());
    }

    @Test
    void shouldShareAClientsRateWithTheOtherGatewayInstances() {
        // A second gateway instance on the same database takes the client's whole burst…
        PartnerRateLimiter otherInstance = new PartnerRateLimiter(config, dataSource);
        for (int i = 0; i < config.burst(); i++) {
            assertThat(otherInstance.acquire("relocation-muster")).isZero();
        }
        // …so this one refuses the client's next call instead of granting a burst of its own.
        given().auth().oauth2(SharedKeycloak.tokens().partner("relocation-muster"))
                .when().get("/partner/v1/ba-consent/requests")
                .then().statusCode(TOO_MANY_REQUESTS.getStatusCode()).contentType("application/problem+json")
                .header("Retry-After", notNullValue());
    }
}
