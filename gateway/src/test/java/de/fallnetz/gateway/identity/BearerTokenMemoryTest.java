package de.fallnetz.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.SharedKeycloak;
import de.fallnetz.gateway.CaseServiceStub;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Quarkus asks this gateway's provider first, so a Keycloak token's verification is remembered. */
@QuarkusTest
@TestProfile(CaseServiceStub.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class BearerTokenMemoryTest {

    @Inject
    VerifiedBearerTokens tokens;

    @Test
    void aClerksBearerTokenIsRememberedAfterItsFirstCall() {
        String token = SharedKeycloak.tokens().user("anna.schmidt");

        given().auth().oauth2(token).when().get("/api/cases/{id}", UUID.randomUUID()).then().statusCode(200);
        given().auth().oauth2(token).when().get("/api/cases/{id}", UUID.randomUUID()).then().statusCode(200);

        assertThat(tokens.remembers(token)).isTrue();
    }
}
