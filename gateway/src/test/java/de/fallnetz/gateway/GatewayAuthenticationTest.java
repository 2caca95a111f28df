package de.fallnetz.gateway;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.FORBIDDEN;
import static jakarta.ws.rs.core.Response.Status.OK;
import static jakarta.ws.rs.core.Response.Status.UNAUTHORIZED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.PartnerTokens;
import de.fallnetz.devstack.SharedKeycloak;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(CaseServiceStub.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class GatewayAuthenticationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MeterRegistry registry;

    @Test
    void shouldRefuseACallWithoutATokenWithAProblem() {
        given().when().get("/api/cases/{id}", UUID.randomUUID())
                .then().statusCode(UNAUTHORIZED.getStatusCode())
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:fallnetz:problem:unauthenticated"));
    }

    @Test
    void shouldRefuseATokenSignedByAnotherKey() throws Exception {
        String forged = PartnerTokens.generate(Files.createTempDirectory("forger-")).mint("ba-zav");
        given().auth().oauth2(forged).when().get("/api/cases/{id}", UUID.randomUUID())
                .then().statusCode(UNAUTHORIZED.getStatusCode())
                .contentType("application/problem+json");
    }

    @Test
    void shouldRefuseATokenWithAnotherSignatureAfterTheGenuineTokenWasAccepted() {
        String genuine = SharedKeycloak.tokens().user(Callers.CLERK_BERLIN);
        String otherSignature = PartnerTokens.withAnotherSignature(genuine);
        double hitsBefore = rememberedTokenHits();

        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(genuine).when().get("/api/cases/{id}", UUID.randomUUID())
                    .then().statusCode(OK.getStatusCode());
            given().auth().oauth2(otherSignature).when().get("/api/cases/{id}", UUID.randomUUID())
                    .then().statusCode(UNAUTHORIZED.getStatusCode());
        }
        // The genuine token's second call was answered from memory, the other signature never.
        assertThat(rememberedTokenHits() - hitsBefore).isEqualTo(1.0);
    }

    private double rememberedTokenHits() {
        // The memory registers its counters when first used.
        FunctionCounter hits = registry.find("cache.gets").tag("cache", "verified-bearer-tokens").tag("result", "hit")
                .functionCounter();
        return hits == null ? 0 : hits.count();
    }

    @Test
    void shouldRefuseATokenThatIsNotAJwt() {
        given().auth().oauth2("not-a-token").when().get("/api/case-types")
                .then().statusCode(UNAUTHORIZED.getStatusCode());
    }

    @Test
    void shouldKeepCaseContentFromTheDataProtectionOfficerOperatorAndPartners() {
        for (String notCaseWork : new String[] { "dora.fischer", "otto.wagner" }) {
            Callers.as(notCaseWork).when().get("/api/cases/{id}", UUID.randomUUID())
                    .then().statusCode(FORBIDDEN.getStatusCode())
                    .contentType("application/problem+json");
        }
        given().auth().oauth2(SharedKeycloak.tokens().partner("ba-zav"))
                .when().get("/api/cases/{id}", UUID.randomUUID())
                .then().statusCode(FORBIDDEN.getStatusCode());
    }

    @Test
    void shouldForwardTheCallerAsAShortLivedTokenSignedByTheGateway() throws Exception {
        String caseId = UUID.randomUUID().toString();
        Callers.asClerk().when().get("/api/cases/{id}", caseId).then().statusCode(OK.getStatusCode());

        String[] jwt = CaseServiceStub.lastAuthorization.substring("Bearer ".length()).split("\\.");
        JsonNode header = json(jwt[0]);
        JsonNode claims = json(jwt[1]);
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(claims.get("iss").asText()).isEqualTo(PartnerTokens.ISSUER);
        assertThat(claims.get("office_id").asText()).isEqualTo("abh-berlin");
        assertThat(claims.get("preferred_username").asText()).isEqualTo(Callers.CLERK_BERLIN);
        assertThat(claims.get("groups").toString()).contains("clerk");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isLessThanOrEqualTo(60);
    }

    @Test
    void shouldForwardTheSameCallersTokenAgainButNeverAnotherCallersNorPastTheCallersOwnToken() throws Exception {
        String anna = SharedKeycloak.tokens().user(Callers.CLERK_BERLIN);
        String forwarded = forwardedFor(anna);
        assertThat(forwardedFor(anna)).as("reused, not signed again").isEqualTo(forwarded);

        String ben = forwardedFor(SharedKeycloak.tokens().user("ben.weber"));
        assertThat(ben).isNotEqualTo(forwarded);
        assertThat(json(ben.split("\\.")[1]).get("preferred_username").asText()).isEqualTo("ben.weber");
        assertThat(json(forwarded.split("\\.")[1]).get("exp").asLong())
                .isLessThanOrEqualTo(json(anna.split("\\.")[1]).get("exp").asLong());
    }

    private static String forwardedFor(String callerToken) {
        given().auth().oauth2(callerToken).when().get("/api/cases/{id}", UUID.randomUUID())
                .then().statusCode(OK.getStatusCode());
        return CaseServiceStub.lastAuthorization.substring("Bearer ".length());
    }

    @Test
    void shouldLetOnlyTheDataProtectionOfficerSearchTheAuditLogWhichNamesTheReader() {
        String caseId = UUID.randomUUID().toString();
        Callers.asClerk().when().get("/api/cases/{id}", caseId).then().statusCode(OK.getStatusCode());

        Callers.asClerk().queryParam("caseId", caseId).when().get("/api/audit")
                .then().statusCode(FORBIDDEN.getStatusCode());
        Callers.as("dora.fischer").queryParam("caseId", caseId).when().get("/api/audit")
                .then().statusCode(OK.getStatusCode())
                .body("items.actor", hasItem(Callers.CLERK_BERLIN))
                .body("items[0].officeId", equalTo("abh-berlin"))
                .body("items[0].action", equalTo("case.read"))
                .body("items[0].grounds", equalTo("case work of the competent office (§ 86 AufenthG)"));
    }

    private static JsonNode json(String part) throws Exception {
        return MAPPER.readTree(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
    }
}
