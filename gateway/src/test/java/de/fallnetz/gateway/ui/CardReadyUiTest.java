package de.fallnetz.gateway.ui;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.OK;
import static jakarta.ws.rs.core.Response.Status.SEE_OTHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
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
import io.restassured.http.ContentType;

/** "Card ready for pick-up": the button on the case page only when allowed, the form and the API route. */
@QuarkusTest
@TestProfile(InMemoryCaseServiceProfile.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class CardReadyUiTest {

    @Inject
    @RestClient
    InMemoryCaseService caseService;

    private String openCase(String familyName) {
        return caseService.open(new OpenCaseRequest("BLUE_CARD", "abh-berlin", null, null,
                new ApplicantData(familyName, "Rania", LocalDate.of(1990, 5, 2), "SYR", "ar"),
                Map.of("postalCode", "10115"), null, null), UUID.randomUUID().toString()).getEntity().caseId();
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldOfferTheCardReadyFormOnlyForAGrantedCaseAndSendItWithTheCsrfToken() {
        String open = openCase("Offen");
        given().when().get("/ui/cases/{id}", open).then().statusCode(OK.getStatusCode())
                .body(not(containsString("card-ready-form")));
        String refused = openCase("Abgelehnt");
        caseService.decided(refused, "REFUSED");
        given().when().get("/ui/cases/{id}", refused).then().statusCode(OK.getStatusCode())
                .body(not(containsString("card-ready-form")));

        String granted = openCase("Erteilt");
        caseService.decided(granted, "GRANTED");
        long version = caseService.get(granted).version();
        given().when().get("/ui/cases/{id}", granted).then().statusCode(OK.getStatusCode())
                .body(containsString("action=\"/ui/cases/" + granted + "/card-ready\""))
                .body(containsString("name=\"pickupNote\""))
                .body(containsString("Karte liegt zur Abholung bereit"));

        ClerkUiResourceTest.csrf().redirects().follow(false).formParam("version", String.valueOf(version))
                .formParam("formKey", UUID.randomUUID().toString()).formParam("pickupNote", "Raum 104")
                .when().post("/ui/cases/{id}/card-ready", granted)
                .then().statusCode(SEE_OTHER.getStatusCode())
                .header("Location", containsString("/ui/cases/" + granted + "?done=card-ready"));
        assertThat(caseService.get(granted).allowedCommands()).doesNotContain("card-ready");
        assertThat(caseService.get(granted).version()).isEqualTo(version + 1);
        given().when().get("/ui/cases/{id}", granted).then().statusCode(OK.getStatusCode())
                .body(not(containsString("card-ready-form")));
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldRelayTheCardReadyCommandOfTheApi() {
        String granted = openCase("Api");
        caseService.decided(granted, "GRANTED");
        long version = caseService.get(granted).version();

        given().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"")
                .body(Map.of("pickupNote", "Termin am 4. Dezember, 9 Uhr"))
                .when().post("/api/cases/{id}/card-ready", granted)
                .then().statusCode(OK.getStatusCode())
                .header("ETag", equalTo("\"" + (version + 1) + "\""))
                .body("allowedCommands", not(hasItem("card-ready")));
        given().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"")
                .when().post("/api/cases/{id}/card-ready", granted)
                .then().statusCode(OK.getStatusCode()).body("version", equalTo((int) version + 1));
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldOfferADueDateWhenRequestingDocuments() {
        String open = openCase("Frist");
        given().when().get("/ui/cases/{id}", open).then().statusCode(OK.getStatusCode())
                .body(containsString("name=\"dueDate\" type=\"date\""));
    }
}
