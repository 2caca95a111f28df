package de.fallnetz.gateway;

import static jakarta.ws.rs.core.Response.Status.CREATED;
import static jakarta.ws.rs.core.Response.Status.OK;
import static jakarta.ws.rs.core.Response.Status.SERVICE_UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
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

/** The gateway's own retry of a case opening whose first answer was lost (the stand-in answers it with a 502). */
@QuarkusTest
@TestProfile(CaseServiceStub.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class CaseOpeningRetryTest {

    @Test
    void shouldAnswerCreatedWhenOnlyItsOwnRetryMetTheCaseOfAClientThatSentNoKey() {
        int before = CaseServiceStub.openings.get();
        Callers.asClerk().contentType(ContentType.JSON).body(Fixtures.openCaseJson())
                .when().post("/api/cases")
                .then().statusCode(CREATED.getStatusCode())
                .header("Location", containsString("/api/cases/"))
                .body("caseId", notNullValue());
        assertThat(CaseServiceStub.openings.get() - before).as("the first attempt and the gateway's retry")
                .isEqualTo(2);
    }

    @Test
    void shouldAnswerOkToAClientThatSentAKeyForWhichACaseMayExistAlready() {
        // With the client's own key, an earlier request of the client's may have opened the case: 200, as documented.
        Callers.asClerk().contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Fixtures.openCaseJson())
                .when().post("/api/cases")
                .then().statusCode(OK.getStatusCode())
                .body("caseId", notNullValue());
    }

    @Test
    void shouldAnswerServiceUnavailableWithTheKeyWhenTheCaseServiceDiesMidRequest() {
        String key = CaseServiceStub.DIES + UUID.randomUUID();
        Callers.asClerk().contentType(ContentType.JSON).header("Idempotency-Key", key).body(Fixtures.openCaseJson())
                .when().post("/api/cases")
                .then().statusCode(SERVICE_UNAVAILABLE.getStatusCode()).contentType("application/problem+json")
                .header("Idempotency-Key", key).header("Retry-After", notNullValue());
    }
}
