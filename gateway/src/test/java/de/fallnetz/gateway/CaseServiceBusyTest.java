package de.fallnetz.gateway;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** What a clerk's client learns when case-service is too busy for a command and says when to repeat it. */
@QuarkusTest
@TestProfile(CaseServiceStub.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class CaseServiceBusyTest {

    @Test
    void shouldPassOnTheCaseServicesBusyProblemWithItsRetryAfterRatherThanAGeneric503() {
        Callers.asClerk().contentType("application/json").header("If-Match", "\"3\"")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"outcome\":\"GRANTED\",\"decidedBy\":\"clerk-berlin-17\"}")
                .when().post("/api/cases/{id}/decision", UUID.randomUUID())
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("1"))
                .body("type", equalTo(CaseServiceStub.LETTERS_BUSY))
                .body("detail", containsString("decision letters"));
    }
}
