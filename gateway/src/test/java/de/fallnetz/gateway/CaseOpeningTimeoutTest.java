package de.fallnetz.gateway;

import static jakarta.ws.rs.core.Response.Status.SERVICE_UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.Fixtures;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** A case-service that accepts the connection and then never answers an opening. */
@QuarkusTest
@TestProfile(HangingCaseService.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class CaseOpeningTimeoutTest {

    @Test
    void shouldTryThreeTimesAndThenAnswerServiceUnavailableWithTheKeyWhenCaseServiceDoesNotAnswerInTime() {
        String key = "hangs-" + UUID.randomUUID();
        SlowCaseService.hold();
        try {
            Callers.asClerk().contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body(Fixtures.openCaseJson())
                    .when().post("/api/cases")
                    .then().statusCode(SERVICE_UNAVAILABLE.getStatusCode()).contentType("application/problem+json")
                    .header("Idempotency-Key", key).header("Retry-After", notNullValue())
                    .body("type", equalTo("urn:fallnetz:problem:service-unavailable"));
            assertThat(SlowCaseService.attemptsByKey.get(key)).as("the first attempt and the gateway's two retries")
                    .hasValue(3);
        } finally {
            SlowCaseService.release();
        }
    }
}
