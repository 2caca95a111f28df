package de.fallnetz.gateway;

import static io.restassured.RestAssured.given;

import de.fallnetz.devstack.SharedKeycloak;
import io.restassured.specification.RequestSpecification;

/** Requests as a signed-in caller, with a token from the JVM's Keycloak (the demo users of the development realm). */
final class Callers {

    static final String CLERK_BERLIN = "anna.schmidt";

    private Callers() {
    }

    static RequestSpecification as(String username) {
        return given().auth().oauth2(SharedKeycloak.tokens().user(username));
    }

    static RequestSpecification asClerk() {
        return as(CLERK_BERLIN);
    }
}
