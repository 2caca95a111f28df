package de.fallnetz.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.PartnerTokens;
import de.fallnetz.devstack.SharedKeycloak;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Every gateway endpoint against every kind of caller: no token, an expired one, one signed by another key, each
 * role of the realm and a partner. A caller the endpoint is for gets past the gate (whatever the stand-in behind it
 * answers); every other gets 401 or 403 as a problem. Need-to-know behind the gate (another office's case: 404) is
 * case-service's and checked there and in the system tests.
 */
@QuarkusTest
@TestProfile(CaseServiceStub.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class AuthorizationMatrixTest {

    private static final int PASS = 0;

    private record Endpoint(String method, String path, String body) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/cases/" + UUID.randomUUID(), null),
            new Endpoint("GET", "/api/cases/" + UUID.randomUUID() + "/timeline", null),
            new Endpoint("GET", "/api/cases?officeId=abh-berlin", null),
            new Endpoint("POST", "/api/cases", "{}"),
            new Endpoint("POST", "/api/cases/" + UUID.randomUUID() + "/assignment", "{\"assignee\":\"x\"}"),
            new Endpoint("GET", "/api/cases/" + UUID.randomUUID() + "/documents/" + UUID.randomUUID(), null),
            new Endpoint("GET", "/api/case-types", null),
            new Endpoint("GET", "/api/jurisdiction?postalCode=10115", null),
            new Endpoint("GET", "/api/audit", null),
            new Endpoint("GET", "/api/ops/incidents", null),
            new Endpoint("POST", "/api/ops/case-service/parked-events/1/discard", "{\"reason\":\"x\"}"),
            new Endpoint("PUT", "/api/ops/webhook-subscriptions/" + UUID.randomUUID() + "/private-network", null),
            new Endpoint("GET", "/api/statistics", null),
            new Endpoint("GET", "/partner/v1/ba-consent/requests", null),
            new Endpoint("POST", "/partner/v1/ba-consent/requests/r-1/claim", ""),
            new Endpoint("GET", "/partner/v1/subscriptions", null),
            new Endpoint("POST", "/partner/v1/subscriptions", "{}"));

    /** Who may pass each endpoint's gate: case work, any signed-in caller, the DPO, team leads, partners, operators. */
    private static int expected(Endpoint e, String caller) {
        if (caller.equals("none") || caller.equals("expired") || caller.equals("wrong-key")) {
            return 401;
        }
        boolean caseWork = caller.equals("clerk") || caller.equals("team-lead");
        if (e.path().startsWith("/api/cases")) {
            return caseWork ? PASS : 403;
        }
        if (e.path().startsWith("/api/statistics")) {
            return caller.equals("team-lead") ? PASS : 403;
        }
        if (e.path().startsWith("/api/audit")) {
            return caller.equals("dpo") ? PASS : 403;
        }
        if (e.path().startsWith("/partner/v1")) {
            // A portal user signs in as a person and acts through /portal; the partner API is for partner systems.
            return caller.equals("partner") ? PASS : 403;
        }
        if (e.path().startsWith("/api/ops")) {
            return caller.equals("operator") ? PASS : 403;
        }
        return PASS;
    }

    private static Map<String, Supplier<String>> callers() {
        return Map.of(
                "none", () -> null,
                "expired", () -> PartnerTokens.shared().sign("anna.schmidt", List.of("clerk"), Duration.ofMinutes(-5),
                        Map.of("office_id", "abh-berlin")),
                "wrong-key", AuthorizationMatrixTest::forged,
                "clerk", () -> SharedKeycloak.tokens().user("anna.schmidt"),
                "team-lead", () -> SharedKeycloak.tokens().user("tom.becker"),
                "dpo", () -> SharedKeycloak.tokens().user("dora.fischer"),
                "operator", () -> SharedKeycloak.tokens().user("otto.wagner"),
                "partner", () -> SharedKeycloak.tokens().partner("ba-zav"),
                // A partner organisation's person (the portal's user): role partner, but no partner client's scopes.
                "portal-user", () -> SharedKeycloak.tokens().user("rosa.keller"));
    }

    private static String forged() {
        try {
            return PartnerTokens.generate(Files.createTempDirectory("forger-")).mintUser("anna.schmidt",
                    List.of("clerk"), "abh-berlin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldLetEachCallerThroughExactlyTheEndpointsMeantForIt() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Supplier<String>> caller : callers().entrySet()) {
            String token = caller.getValue().get();
            for (Endpoint e : ENDPOINTS) {
                RequestSpecification request = given().contentType(ContentType.JSON)
                        .header("If-Match", "\"0\"").header("Idempotency-Key", UUID.randomUUID().toString());
                if (token != null) {
                    request.auth().oauth2(token);
                }
                if (e.body() != null) {
                    request.body(e.body());
                }
                var response = request.when().request(e.method(), e.path()).then().extract();
                int status = response.statusCode();
                int want = expected(e, caller.getKey());
                boolean ok = want == PASS ? status != 401 && status != 403
                        : status == want && response.contentType().startsWith("application/problem+json");
                if (!ok) {
                    wrong.add(caller.getKey() + " " + e.method() + " " + e.path() + ": " + status + ", expected "
                            + (want == PASS ? "past the gate" : want));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The browser pages' rows: clerks' pages for case work only, the partner portal for partner users only. */
    private static final List<String> CLERK_PAGES = List.of("/ui", "/ui/search", "/ui/new", "/ui/team");
    private static final List<String> PORTAL_PAGES = List.of("/portal",
            "/portal/relocation-handoff/requests/ir-1");

    @Test
    @TestSecurity(user = "rosa.keller", roles = "partner", attributes = @SecurityAttribute(key = "partner_org",
            value = "relocation-muster"))
    void shouldKeepAPartnerUserOutOfTheClerksPagesAndApi() {
        for (String page : CLERK_PAGES) {
            given().redirects().follow(false).when().get(page).then().statusCode(403);
        }
        given().when().get("/api/cases?officeId=abh-berlin").then().statusCode(403);
        given().when().get("/api/cases/" + UUID.randomUUID()).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "anna.schmidt", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldKeepAClerkOutOfThePartnerPortal() {
        for (String page : PORTAL_PAGES) {
            given().redirects().follow(false).when().get(page).then().statusCode(403);
        }
    }

    @Test
    @TestSecurity(user = "dora.fischer", roles = "dpo")
    void shouldKeepTheDataProtectionOfficerOutOfThePartnerPortal() {
        for (String page : PORTAL_PAGES) {
            given().redirects().follow(false).when().get(page).then().statusCode(403);
        }
    }
}
