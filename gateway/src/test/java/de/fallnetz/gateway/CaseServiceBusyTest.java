package de.fallnetz.gateway;

import static org.assertj.core.api.Assertions.assertThat;
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
        UUID caseId = UUID.randomUUID();
        Callers.asClerk().contentType("application/json").header("If-Match", "\"3\"")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"outcome\":\"GRANTED\",\"decidedBy\":\"clerk-berlin-17\"}")
                .when().post("/api/cases/{id}/decision", caseId)
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("1"))
                .body("type", equalTo(CaseServiceStub.LETTERS_BUSY))
                .body("detail", containsString("decision letters"))
                .body("instance", equalTo("/api/cases/" + caseId + "/decision"));
    }

    @Test
    void shouldRetryABusyReadTwiceAndThenPassOnTheProblemWithItsRetryAfter() {
        int before = CaseServiceStub.statisticsReads.get();

        Callers.as("tom.becker").when().get("/api/statistics")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("1"))
                .body("type", equalTo(CaseServiceStub.LETTERS_BUSY));

        assertThat(CaseServiceStub.statisticsReads.get() - before).isEqualTo(3);
    }
}
