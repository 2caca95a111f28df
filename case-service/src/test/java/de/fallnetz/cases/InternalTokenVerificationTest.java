package de.fallnetz.cases;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.PartnerTokens;
import de.fallnetz.platform.security.VerifiedTokenParser;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;

/** The gateway's token is verified once and then remembered; a token that is not the same string is not. */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "case-service"))
class InternalTokenVerificationTest {

    @Inject
    JWTParser parser;

    @Inject
    MeterRegistry registry;

    @Test
    void theBearerTokenValidatorUsesTheRememberingParser() {
        assertThat(ClientProxy.unwrap(parser)).isInstanceOf(VerifiedTokenParser.class);
    }

    @Test
    void aTokenWithAnotherSignatureIsRefusedAfterTheGenuineOneWasAccepted() {
        String token = PartnerTokens.shared().mintUser("clerk@abh-berlin", List.of("clerk"), "abh-berlin");
        String otherSignature = PartnerTokens.withAnotherSignature(token);
        double hitsBefore = rememberedTokenHits();

        for (int i = 0; i < 2; i++) {
            given().header("Authorization", "Bearer " + token).when().get("/cases?officeId=abh-berlin")
                    .then().statusCode(200);
            given().header("Authorization", "Bearer " + otherSignature).when().get("/cases?officeId=abh-berlin")
                    .then().statusCode(401);
        }
        // The genuine token's second call was answered from memory, the other signature never.
        assertThat(rememberedTokenHits() - hitsBefore).isEqualTo(1.0);
    }

    private double rememberedTokenHits() {
        // The memory registers its counters when first used.
        FunctionCounter hits = registry.find("cache.gets").tag("cache", "verified-internal-tokens").tag("result", "hit")
                .functionCounter();
        return hits == null ? 0 : hits.count();
    }
}
