package de.fallnetz.gateway;

import static io.restassured.RestAssured.given;

import java.security.SecureRandom;
import java.util.Base64;

import io.restassured.specification.RequestSpecification;

/**
 * A request as a page's form sends it: the token as a form field and the same token in the CSRF cookie, as the page
 * would have set it.
 */
public final class CsrfForms {

    /** quarkus.rest-csrf.cookie-name */
    public static final String COOKIE = "fallnetz-csrf";

    private CsrfForms() {
    }

    public static RequestSpecification request() {
        String token = token();
        return given().cookie(COOKIE, cookie(token)).formParam("csrf-token", token);
    }

    /** The cookie a page sets for the token of its forms: the token itself. */
    public static String cookie(String token) {
        return token;
    }

    public static String token() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
