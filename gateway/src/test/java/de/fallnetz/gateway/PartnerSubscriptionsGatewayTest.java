package de.fallnetz.gateway;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.CREATED;
import static jakarta.ws.rs.core.Response.Status.FORBIDDEN;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.OK;
import static jakarta.ws.rs.core.Response.Status.SERVICE_UNAVAILABLE;
import static jakarta.ws.rs.core.Response.Status.UNAUTHORIZED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.PartnerTokens;
import de.fallnetz.devstack.SharedKeycloak;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Partner systems manage their webhook subscriptions through the gateway, which passes them to notification-service. */
@QuarkusTest
@TestProfile(NotificationServiceStub.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class PartnerSubscriptionsGatewayTest {

    private static final String ID = "0b6f5c1e-3a57-4c1b-9a4e-2f0d8c7b6a51";
    private static final String DELIVERY = "5e4d3c2b-1a09-4d8c-b7a6-7d3c2b1a0f9e";

    @BeforeEach
    void forget() {
        NotificationServiceStub.forget();
    }

    @Test
    void shouldPassASubscriptionWithItsBodyAndThePartnersOrganisationInTheGatewaysToken() throws Exception {
        String subscription = "{\"url\":\"https://hooks.example.org/fallnetz\",\"eventTypes\":[\"x\"]}";
        given().auth().oauth2(SharedKeycloak.tokens().partner("ba-zav")).contentType(ContentType.JSON)
                .header("Idempotency-Key", "sub-1").body(subscription)
                .when().post("/partner/v1/subscriptions")
                .then().statusCode(CREATED.getStatusCode()).contentType(ContentType.JSON)
                .body("path", equalTo("/partner/v1/subscriptions"));

        assertThat(NotificationServiceStub.lastMethod).isEqualTo("POST");
        assertThat(NotificationServiceStub.lastBody).isEqualTo(subscription);
        assertThat(NotificationServiceStub.lastIdempotencyKey).isEqualTo("sub-1");
        JsonNode claims = ForwardedTokens.claims(NotificationServiceStub.lastAuthorization);
        assertThat(claims.get("iss").asText()).isEqualTo(PartnerTokens.ISSUER);
        assertThat(claims.get("partner_org").asText()).isEqualTo("ba-zav");
        assertThat(claims.get("groups").toString()).contains("partner");
    }

    @Test
    void shouldPassOnEveryReadingPathWithItsQuery() {
        String token = SharedKeycloak.tokens().partner("bamf");
        for (String path : new String[] { "", "/" + ID, "/" + ID + "/deliveries?status=FAILED",
                "/" + ID + "/dead-letters" }) {
            given().auth().oauth2(token).when().get("/partner/v1/subscriptions" + path)
                    .then().statusCode(OK.getStatusCode());
            assertThat(NotificationServiceStub.lastMethod).isEqualTo("GET");
            assertThat(NotificationServiceStub.lastUri).isEqualTo("/partner/v1/subscriptions" + path);
        }
    }

    @Test
    void shouldPassOnDeleteRotateResumeAndReplay() {
        String token = SharedKeycloak.tokens().partner("ba-zav");
        given().auth().oauth2(token).when().delete("/partner/v1/subscriptions/" + ID)
                .then().statusCode(OK.getStatusCode());
        assertThat(NotificationServiceStub.lastMethod).isEqualTo("DELETE");
        assertThat(NotificationServiceStub.lastUri).isEqualTo("/partner/v1/subscriptions/" + ID);
        for (String action : new String[] { "secrets", "resume", "dead-letters/replay",
                "dead-letters/" + DELIVERY + "/replay" }) {
            // JSON: RestAssured would send an empty POST as a form, which the gateway's CSRF check refuses.
            given().auth().oauth2(token).contentType(ContentType.JSON).when()
                    .post("/partner/v1/subscriptions/" + ID + "/" + action)
                    .then().statusCode(OK.getStatusCode());
            assertThat(NotificationServiceStub.lastMethod).isEqualTo("POST");
            assertThat(NotificationServiceStub.lastUri).isEqualTo("/partner/v1/subscriptions/" + ID + "/" + action);
        }
    }

    @Test
    void shouldTakeSubscriptionsAsItsOwnRouteNotAsAnInteractionServiceNamedSo() {
        given().auth().oauth2(SharedKeycloak.tokens().partner("bamf"))
                .when().get("/partner/v1/subscriptions/requests")
                .then().statusCode(OK.getStatusCode());
        assertThat(NotificationServiceStub.lastUri).isEqualTo("/partner/v1/subscriptions/requests");
    }

    @Test
    void shouldAnswerNotFoundForAPathNotRoutedWithoutCallingTheService() {
        String token = SharedKeycloak.tokens().partner("bamf");
        given().auth().oauth2(token).when().get("/partner/v1/subscriptions/" + ID + "/nothing")
                .then().statusCode(NOT_FOUND.getStatusCode());
        given().auth().oauth2(token).when().get("/partner/v1/subscriptions/..%2F..%2Foperator")
                .then().statusCode(NOT_FOUND.getStatusCode());
        assertThat(NotificationServiceStub.lastUri).isNull();
    }

    @Test
    void shouldLetOnlyPartnersIn() {
        given().when().get("/partner/v1/subscriptions")
                .then().statusCode(UNAUTHORIZED.getStatusCode()).contentType("application/problem+json");
        Callers.asClerk().when().get("/partner/v1/subscriptions")
                .then().statusCode(FORBIDDEN.getStatusCode()).contentType("application/problem+json");
        Callers.asClerk().contentType(ContentType.JSON).body("{}").when().post("/partner/v1/subscriptions")
                .then().statusCode(FORBIDDEN.getStatusCode());
        assertThat(NotificationServiceStub.lastUri).isNull();
    }

    @Test
    void shouldAnswerServiceUnavailableWithRetryAfterWhenNotificationServiceDoesNotAnswer() {
        given().auth().oauth2(SharedKeycloak.tokens().partner("bamf"))
                .when().get("/partner/v1/subscriptions/" + NotificationServiceStub.CUT_OFF)
                .then().statusCode(SERVICE_UNAVAILABLE.getStatusCode()).contentType("application/problem+json")
                .header("Retry-After", notNullValue());
    }
}
