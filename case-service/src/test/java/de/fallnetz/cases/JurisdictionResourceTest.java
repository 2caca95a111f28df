package de.fallnetz.cases;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.BAD_REQUEST;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import de.fallnetz.devstack.FallnetzStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.filter.log.LogDetail;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "case-service"))
class JurisdictionResourceTest {

    private static final int UNPROCESSABLE_ENTITY = 422;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails(LogDetail.ALL);
    }

    @Test
    void shouldAnswerTheCompetentOfficeForAPostalCode() {
        given().queryParam("postalCode", "10115").queryParam("caseType", "BLUE_CARD")
                .when().get("/jurisdiction")
                .then().statusCode(OK.getStatusCode())
                .body("postalCode", equalTo("10115"))
                .body("caseType", equalTo("BLUE_CARD"))
                .body("office.id", equalTo("abh-berlin"))
                .body("office.name", equalTo("Landesamt für Einwanderung (LEA) Berlin"))
                .body("office.land", equalTo("DE-BE"))
                .body("candidates.id", contains("abh-berlin"))
                .body("districtKeys", contains("11000"))
                .body("reason", equalTo("postal code 10115 → district 11000 → Landesamt für Einwanderung (LEA) Berlin"));
    }

    @Test
    void shouldHandTheAcceleratedProcedureInNrwToTheCentralOffice() {
        given().queryParam("postalCode", "50667").queryParam("caseType", "ACCELERATED_SKILLED_WORKER")
                .when().get("/jurisdiction")
                .then().statusCode(OK.getStatusCode())
                .body("office.id", equalTo("zfe-nrw"))
                .body("reason", containsString("central office for ACCELERATED_SKILLED_WORKER in DE-NW"));
    }

    @Test
    void shouldAnswerCandidatesForAPostalCodeThatSpansDistrictsUntilTheMunicipalityDecides() {
        given().queryParam("postalCode", "12529")
                .when().get("/jurisdiction")
                .then().statusCode(OK.getStatusCode())
                .body("caseType", nullValue())
                .body("office", nullValue())
                .body("candidates.id", contains("abh-berlin", "abh-dahme-spreewald"))
                .body("districtKeys", hasSize(2));

        given().queryParam("postalCode", "12529").queryParam("municipality", "schoenefeld")
                .when().get("/jurisdiction")
                .then().statusCode(OK.getStatusCode())
                .body("office.id", equalTo("abh-dahme-spreewald"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "1011", "abcde", "10115x", "00000" })
    void shouldRejectAMalformedOrUnknownPostalCodeWithAProblemNamingIt(String postalCode) {
        given().queryParam("postalCode", postalCode)
                .when().get("/jurisdiction")
                .then().statusCode(UNPROCESSABLE_ENTITY)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:fallnetz:problem:invalid-postal-code"))
                .body("invalidParams[0].name", equalTo("postalCode"))
                .body("invalidParams[0].reason", containsString("'" + postalCode + "'"));
    }

    @Test
    void shouldRejectAMissingPostalCodeOrAMalformedCaseType() {
        given().when().get("/jurisdiction")
                .then().statusCode(BAD_REQUEST.getStatusCode())
                .contentType("application/problem+json")
                .body("invalidParams[0].name", equalTo("postalCode"));

        given().queryParam("postalCode", "10115").queryParam("caseType", "blue card")
                .when().get("/jurisdiction")
                .then().statusCode(BAD_REQUEST.getStatusCode())
                .contentType("application/problem+json")
                .body("invalidParams[0].name", equalTo("caseType"));
    }

    @Test
    void shouldServeAnOfficeOfTheRegister() {
        given().when().get("/offices/{id}", "zsef-bayern")
                .then().statusCode(OK.getStatusCode())
                .body("land", equalTo("DE-BY"))
                .body("centralFor", contains("ACCELERATED_SKILLED_WORKER"))
                .body("optionalCentral", equalTo(true));

        given().when().get("/offices/{id}", "abh-muenchen")
                .then().statusCode(OK.getStatusCode())
                .body("name", equalTo("Ausländerbehörde München"))
                .body("districtKeys", contains("09162"));

        given().when().get("/offices/{id}", "abh-atlantis")
                .then().statusCode(NOT_FOUND.getStatusCode())
                .contentType("application/problem+json");
    }
}
