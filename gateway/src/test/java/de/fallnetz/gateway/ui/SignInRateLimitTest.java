package de.fallnetz.gateway.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.KeycloakTokens;
import de.fallnetz.devstack.SharedKeycloak;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Sign-in rate limiting: per client address in the gateway, and Keycloak's brute-force detection in the realm. */
@QuarkusTest
@TestProfile(SignInRateLimitTest.FewSignIns.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class SignInRateLimitTest {

    @Test
    void shouldRefuseTheSignInsOfOneAddressBeyondTheBurstWithAProblemAndRetryAfter() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(given().redirects().follow(false).when().get("/ui").then().extract().statusCode());
        }
        assertThat(statuses).containsExactly(302, 302, 302);
        given().redirects().follow(false).when().get("/ui/cases")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-6][0-9]"))
                .body("type", equalTo("urn:fallnetz:problem:too-many-sign-ins"));
    }

    @Test
    void shouldNotCountClerksWhoAreSignedInNorOtherPaths() {
        // A session cookie (even one the OIDC layer then rejects) is not a new sign-in start for the limiter.
        for (int i = 0; i < 5; i++) {
            int status = given().redirects().follow(false).cookie("q_session_ui", "x").when().get("/ui").then()
                    .extract().statusCode();
            assertThat(status).isNotEqualTo(429);
        }
        given().when().get("/ui-assets/fallnetz.css").then().statusCode(200);
    }

    @Test
    void shouldLockOutGuessedPasswordsInKeycloakForAWhileNotForever() throws IOException {
        JsonNode realm;
        try (InputStream in = getClass().getResourceAsStream("/keycloak/fallnetz-realm.json")) {
            realm = new ObjectMapper().readTree(in);
        }
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("permanentLockout").asBoolean()).isFalse();
        assertThat(realm.path("failureFactor").asInt()).isBetween(3, 10);
        assertThat(realm.path("waitIncrementSeconds").asInt()).isPositive();
        assertThat(realm.path("maxFailureWaitSeconds").asInt()).isGreaterThan(realm.path("waitIncrementSeconds")
                .asInt());

        // Guessing a password: after the failures the realm allows, even the right one is refused for now.
        int failures = realm.path("failureFactor").asInt();
        for (int i = 0; i < failures; i++) {
            assertThat(passwordGrant(PROBE, "guess-" + i).statusCode()).isIn(400, 401);
        }
        HttpResponse<String> locked = passwordGrant(PROBE, KeycloakTokens.DEMO_PASSWORD);
        assertThat(locked.statusCode()).isIn(400, 401);
        assertThat(locked.body()).contains("invalid_grant").doesNotContain("access_token");
    }

    /** A user of the development realm that only this test signs in as (it gets locked out). */
    private static final String PROBE = "lockout.probe";

    private static HttpResponse<String> passwordGrant(String user, String password) throws IOException {
        String form = "grant_type=password&client_id=" + KeycloakTokens.GATEWAY_CLIENT + "&client_secret="
                + KeycloakTokens.GATEWAY_SECRET + "&username=" + user + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(SharedKeycloak.issuer()
                + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(30)).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public static class FewSignIns implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fallnetz.gateway.ui.sign-in-burst", "3", "fallnetz.gateway.ui.sign-in-per-minute", "1");
        }
    }
}
