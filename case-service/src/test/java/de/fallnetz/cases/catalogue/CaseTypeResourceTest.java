package de.fallnetz.cases.catalogue;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.platform.rest.Problem;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.filter.log.LogDetail;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "case-service"))
class CaseTypeResourceTest {

    @Inject
    CaseTypeCatalogue catalogue;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails(LogDetail.ALL);
    }

    @Test
    void shouldTakeTheNationalityListsFromTheServicesConfiguration() {
        Condition listed = new Condition(null, null, null, null, "security-consultation", null, null, null);

        assertThat(catalogue.applies(listed, Map.of(), "AFG")).isTrue();
        assertThat(catalogue.applies(listed, Map.of(), "VNM")).isFalse();
    }

    @Test
    void shouldListEveryCaseTypeWithItsVersions() {
        given()
                .when().get("/case-types")
                .then().statusCode(OK.getStatusCode())
                .body("code", hasItems("BLUE_CARD", "WESTERN_BALKANS", "ADDRESS_CHANGE_TRANSFER"))
                .body("$", hasSize(11))
                .body("find { it.code == 'BLUE_CARD' }.title", equalTo("Blaue Karte EU"))
                .body("find { it.code == 'BLUE_CARD' }.currentVersion", equalTo(1))
                .body("find { it.code == 'WESTERN_BALKANS' }.versions.status", hasItems("PUBLISHED"))
                .body("find { it.code == 'WESTERN_BALKANS' }.versions[1].validFrom", equalTo("2027-01-01"))
                .body("find { it.code == 'SKILLED_WORKER_VOCATIONAL' }.versions[1].status", equalTo("DRAFT"))
                .body("find { it.code == 'SKILLED_WORKER_VOCATIONAL' }.versions[1].validFrom", nullValue());
    }

    @Test
    void shouldShowAWholeVersionWithItsConditionsDeadlinesAndThresholds() {
        given()
                .when().get("/case-types/BLUE_CARD/versions/1")
                .then().statusCode(OK.getStatusCode())
                .body("code", equalTo("BLUE_CARD"))
                .body("status", equalTo("PUBLISHED"))
                .body("validFrom", equalTo("2025-01-01"))
                .body("retention", equalTo("P2Y"))
                .body("competence", equalTo("RESIDENCE"))
                .body("fields.find { it.name == 'salaryBand' }.allowed", hasItems("GENERAL", "REDUCED"))
                .body("interactions.find { it.kind == 'BA_CONSENT' }.when.anyOf[0].field", equalTo("salaryBand"))
                .body("interactions.find { it.kind == 'BA_CONSENT' }.when.anyOf[0].equals", equalTo("REDUCED"))
                .body("interactions.find { it.kind == 'BA_CONSENT' }.when.anyOf[0].always", nullValue())
                .body("interactions.find { it.kind == 'BA_CONSENT' }.deadline.unit", equalTo("WEEKS"))
                .body("interactions.find { it.kind == 'BA_CONSENT' }.deadline.silence", equalTo("DEEMED_GRANTED"))
                .body("interactions.find { it.kind == 'SECURITY_CHECK' }.deadline.amount", equalTo(20))
                .body("statusTexts.RECEIVED.en", notNullValue())
                .body("salaryThresholds.years.find { it.year == 2025 }.bands.GENERAL", equalTo(48300.00f))
                .body("fees.find { it.code == 'ISSUE' }.amountEur", equalTo(100.00f));
    }

    @Test
    void shouldShowThePolicyChangeOfAVersion() {
        given()
                .when().get("/case-types/WESTERN_BALKANS/versions/2")
                .then().statusCode(OK.getStatusCode())
                .body("parameters.find { it.name == 'annualContingent' }.value", equalTo(25000))
                .body("changeNote", notNullValue());
    }

    @ParameterizedTest
    @CsvSource({"NO_SUCH_TYPE, 1", "BLUE_CARD, 9", "BLUE_CARD, 0", "BLUE_CARD, one"})
    void shouldAnswerAnUnknownCaseTypeOrVersionWithAProblem(String code, String version) {
        given()
                .when().get("/case-types/{code}/versions/{version}", code, version)
                .then().statusCode(NOT_FOUND.getStatusCode())
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:fallnetz:problem:not-found"));
    }
}
