package de.fallnetz.gateway;

import static io.restassured.RestAssured.given;

import java.security.SecureRandom;
import java.util.Base64;

import io.restassured.specification.RequestSpecification;

/** A request as a page's form sends it: the CSRF cookie and the same token as a form field. */
public final class CsrfForms {

    private CsrfForms() {
    }

    public static RequestSpecification request() {
        String token = token();
        return given().cookie("csrf-token", token).formParam("csrf-token", token);
    }

    public static String token() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
