package de.fallnetz.gateway.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.cases.ApplicantData;
import de.fallnetz.contracts.cases.OpenCaseRequest;
import de.fallnetz.devstack.FallnetzStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;

/** {@code GET /api/cases?dateOfBirth=} reaches case-service's worklist search, as the clerks' search page does. */
@QuarkusTest
@TestProfile(InMemoryCaseServiceProfile.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class WorklistApiDateOfBirthTest {

    @Inject
    @RestClient
    InMemoryCaseService caseService;

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldFindCasesByTheExactDateOfBirthAndRefuseADateThatIsNone() {
        String caseId = caseService.open(new OpenCaseRequest("BLUE_CARD", "abh-berlin", null, null,
                new ApplicantData("Geboren", "Am", LocalDate.of(1987, 6, 5), "VNM", "vi"),
                Map.of("postalCode", "10115"), null, null), UUID.randomUUID().toString()).getEntity().caseId();
        given().queryParam("officeId", "abh-berlin").queryParam("dateOfBirth", "1987-06-05")
                .when().get("/api/cases")
                .then().statusCode(200).body("items.caseId", hasItem(caseId));
        given().queryParam("officeId", "abh-berlin").queryParam("dateOfBirth", "1987-06-06")
                .when().get("/api/cases")
                .then().statusCode(200).body("items.caseId", not(hasItem(caseId)));
        given().queryParam("officeId", "abh-berlin").queryParam("dateOfBirth", "1987-02-30")
                .when().get("/api/cases")
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalidParams[0].name", equalTo("dateOfBirth"));
        given().queryParam("officeId", "abh-berlin").queryParam("dateOfBirth", "5.6.1987")
                .when().get("/api/cases")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
