package de.fallnetz.gateway;

import static io.restassured.RestAssured.given;

import java.security.SecureRandom;
import java.util.Base64;

import io.restassured.specification.RequestSpecification;

/**
 * A request as a page's form sends it: the token as a form field and, in the CSRF cookie, the same token signed with
 * the gateway's key (quarkus.rest-csrf.token-signature-key), as the page would have set it.
 */
public final class CsrfForms {

    private CsrfForms() {
    }

    public static RequestSpecification request() {
        String token = token();
        return given().cookie("csrf-token", cookie(token)).formParam("csrf-token", token);
    }

    /** The cookie a page sets for the token of its forms: the token's HMAC with the gateway's signing key. */
    public static String cookie(String token) {
        return io.quarkus.csrf.reactive.runtime.CsrfTokenUtils.signCsrfToken(token,
                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getValue("quarkus.rest-csrf.token-signature-key", String.class));
    }

    public static String token() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
