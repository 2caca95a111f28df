package de.fallnetz.gateway;

import static jakarta.ws.rs.core.Response.Status.OK;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.FallnetzStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(CaseServiceStub.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class NewerCaseServiceTest {

    @Test
    void shouldPassOnACaseWhoseAnswerHasAPropertyTheGatewayDoesNotKnowYet() {
        String caseId = UUID.randomUUID().toString();
        Callers.asClerk().when().get("/api/cases/{id}", caseId)
                .then().statusCode(OK.getStatusCode())
                .body("caseId", equalTo(caseId))
                .body("status", equalTo("OPEN"));
    }
}
