package de.fallnetz.gateway.ui;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.FORBIDDEN;
import static jakarta.ws.rs.core.Response.Status.NO_CONTENT;
import static jakarta.ws.rs.core.Response.Status.OK;
import static jakarta.ws.rs.core.Response.Status.PRECONDITION_FAILED;
import static jakarta.ws.rs.core.Response.Status.SEE_OTHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.cases.ApplicantData;
import de.fallnetz.contracts.cases.CaseResponse;
import de.fallnetz.contracts.cases.OpenCaseRequest;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.gateway.CsrfForms;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@TestProfile(InMemoryCaseServiceProfile.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class ClerkUiResourceTest {

    private static final int UNPROCESSABLE_ENTITY = 422;

    @Inject
    @RestClient
    InMemoryCaseService caseService;

    @Inject
    @RestClient
    InMemoryNotificationService notifications;

    static RequestSpecification csrf() {
        return CsrfForms.request();
    }

    static String csrfToken() {
        return CsrfForms.token();
    }

    /** The CSRF token the page's forms carry. */
    private static String formToken(String html) {
        return html.replaceFirst("(?s).*name=\"csrf-token\" value=\"([^\"]+)\".*", "$1");
    }

    private String openCase(String familyName) {
        return caseService.open(new OpenCaseRequest("BLUE_CARD", "abh-berlin", null, null,
                new ApplicantData(familyName, "Thi Lan", LocalDate.of(1994, 3, 17), "VNM", "vi"),
                Map.of("postalCode", "10115"), null, null), UUID.randomUUID().toString()).getEntity().caseId();
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldShowTheWorklistInGermanByDefaultAndInEnglishWhenTheBrowserAsksForIt() {
        openCase("Nguyen");
        given().when().get("/ui")
                .then().statusCode(OK.getStatusCode())
                .body(containsString("<html lang=\"de\""))
                .body(containsString("Arbeitsliste"))
                .body(containsString("Nguyen, Thi Lan"));
        given().header("Accept-Language", "en-GB,en;q=0.9").when().get("/ui")
                .then().statusCode(OK.getStatusCode())
                .body(containsString("<html lang=\"en\""))
                .body(containsString("Worklist"));
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldKeepTheLanguageChosenWithTheSwitch() {
        String cookie = given().redirects().follow(false).queryParam("lang", "en").queryParam("return", "/ui/search")
                .when().get("/ui/language")
                .then().statusCode(SEE_OTHER.getStatusCode())
                .header("Location", containsString("/ui/search"))
                .extract().cookie(UiLocale.COOKIE);
        assertThat(cookie).isEqualTo("en");
        given().cookie(UiLocale.COOKIE, "en").header("Accept-Language", "de").when().get("/ui/search")
                .then().statusCode(OK.getStatusCode())
                .body(containsString("Search"));
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldNeverRedirectTheLanguageSwitchToAnotherSite() {
        given().redirects().follow(false).queryParam("lang", "en").queryParam("return", "https://evil.example/")
                .when().get("/ui/language")
                .then().statusCode(SEE_OTHER.getStatusCode())
                .header("Location", not(containsString("evil")));
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldRefuseACommandOnACaseThatChangedSinceThePageWasShownAndSayWhy() {
        String caseId = openCase("Stale");
        csrf().formParam("version", "999").formParam("formKey", UUID.randomUUID().toString())
                .when().post("/ui/cases/{id}/assignment", caseId)
                .then().statusCode(PRECONDITION_FAILED.getStatusCode())
                .body(containsString("role=\"alert\""))
                .body(containsString("Precondition Failed"));
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldApplyAFormSentTwiceOnlyOnce() {
        String caseId = openCase("Twice");
        String formKey = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            csrf().redirects().follow(false).formParam("version", "1").formParam("formKey", formKey)
                    .when().post("/ui/cases/{id}/checklist/passport/tick", caseId)
                    .then().statusCode(SEE_OTHER.getStatusCode());
        }
        CaseResponse c = caseService.get(caseId);
        assertThat(c.version()).isEqualTo(2);
        assertThat(c.checklist().get(0).ticked()).isTrue();
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldShowNoNotificationsWhileNotificationServiceHasNone() {
        notifications.clear();
        given().when().get("/ui/notifications")
                .then().statusCode(OK.getStatusCode())
                .body(containsString("Keine Benachrichtigungen"));
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldKeepTheTeamViewForTeamLeads() {
        given().when().get("/ui/team")
                .then().statusCode(FORBIDDEN.getStatusCode());
    }

    @Test
    @TestSecurity(user = "lead-berlin", roles = "team-lead", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldShowTheTeamLeadTheBacklogPerClerk() {
        openCase("Backlog");
        given().when().get("/ui/team")
                .then().statusCode(OK.getStatusCode())
                .body(containsString("Rückstand je Sachbearbeiter/in"))
                .body(containsString("Nicht zugewiesen"));
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldFindCasesByTheExactDateOfBirthAndSaySoWhenTheDateIsNoDate() {
        openCase("Geburtstag");
        given().queryParam("dob", "1994-03-17").when().get("/ui/search")
                .then().statusCode(OK.getStatusCode())
                .body(containsString("Geburtstag, Thi Lan"))
                .body(containsString("value=\"1994-03-17\""));
        given().queryParam("dob", "1994-03-18").when().get("/ui/search")
                .then().statusCode(OK.getStatusCode())
                .body(not(containsString("Geburtstag, Thi Lan")));
        given().queryParam("dob", "1994-02-30").when().get("/ui/search")
                .then().statusCode(400)
                .body(containsString("role=\"alert\""))
                .body(containsString("kein gültiges Datum"));
    }

    @Test
    @TestSecurity(user = "lead-berlin", roles = "team-lead", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldShowTheTeamLeadTheOfficesFigures() {
        openCase("Kennzahl");
        given().when().get("/ui/team")
                .then().statusCode(OK.getStatusCode())
                .body(containsString("Kennzahlen der Behörde"))
                .body(containsString("Eröffnet in den letzten 30 Tagen"))
                .body(containsString("Fiktive Zustimmungen in offenen Fällen"));
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldListWhatNotificationServicePublishedForTheOffice() {
        notifications.notify("abh-berlin", UUID.randomUUID().toString(), "PARTNER_ANSWERED", "Probe-Benachrichtigung");
        given().queryParam("announce", true).when().get("/ui/notifications")
                .then().statusCode(OK.getStatusCode())
                .body(containsString("Neue Benachrichtigung: Probe-Benachrichtigung"));
    }

    @Test
    @TestSecurity(user = "clerk-nowhere", roles = "clerk")
    void shouldTellAClerkWithoutAnOfficeWhyTheWorklistIsEmpty() {
        given().when().get("/ui")
                .then().statusCode(FORBIDDEN.getStatusCode())
                .body(containsString("keine Ausländerbehörde"));
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldShowTheOpeningFormAgainWithWhatWasTypedWhenTheCaseServiceRefusesIt() {
        csrf().formParam("formKey", UUID.randomUUID().toString()).formParam("caseType", "BLUE_CARD")
                .formParam("familyName", "Okafor").formParam("givenNames", "Ada").formParam("dateOfBirth", "1990-01-02")
                .formParam("nationality", "nga").formParam("app.postalCode", "99999").formParam("app.employer", "X GmbH")
                .when().post("/ui/new")
                .then().statusCode(UNPROCESSABLE_ENTITY)
                .body(containsString("role=\"alert\""))
                .body(containsString("value=\"Okafor\""))
                .body(containsString("value=\"X GmbH\""));
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldRefuseAFormWithoutTheCsrfTokenAndChangeNothing() {
        String caseId = openCase("Forged");
        given().redirects().follow(false).formParam("version", "1").formParam("formKey", UUID.randomUUID().toString())
                .when().post("/ui/cases/{id}/assignment", caseId)
                .then().statusCode(FORBIDDEN.getStatusCode())
                .contentType("application/problem+json")
                .body("type", equalTo("urn:fallnetz:problem:csrf"));
        given().redirects().follow(false).cookie(CsrfForms.COOKIE, csrfToken()).formParam("csrf-token", csrfToken())
                .formParam("version", "1").formParam("formKey", UUID.randomUUID().toString())
                .when().post("/ui/cases/{id}/assignment", caseId)
                .then().statusCode(FORBIDDEN.getStatusCode())
                .contentType("application/problem+json");
        // A matching token is not enough when the browser says the form came from another site: a site that
        // planted a cookie of its own for this host cannot use it.
        String planted = csrfToken();
        given().redirects().follow(false).cookie(CsrfForms.COOKIE, planted).formParam("csrf-token", planted)
                .header("Sec-Fetch-Site", "cross-site")
                .formParam("version", "1").formParam("formKey", UUID.randomUUID().toString())
                .when().post("/ui/cases/{id}/assignment", caseId)
                .then().statusCode(FORBIDDEN.getStatusCode())
                .contentType("application/problem+json")
                .body("type", equalTo("urn:fallnetz:problem:csrf"));
        assertThat(caseService.get(caseId).version()).isEqualTo(1);
        assertThat(caseService.get(caseId).assignee()).isNull();
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldRefuseAnHtmxPostWithoutTheCsrfHeaderAndAcceptItWithIt() {
        String caseId = openCase("Preview");
        given().header("HX-Request", "true").formParam("outcome", "GRANTED")
                .when().post("/ui/cases/{id}/decision/preview", caseId)
                .then().statusCode(FORBIDDEN.getStatusCode())
                .contentType("application/problem+json");
        String token = csrfToken();
        given().header("HX-Request", "true").cookie(CsrfForms.COOKIE, CsrfForms.cookie(token))
                .header("X-CSRF-TOKEN", token)
                .formParam("outcome", "GRANTED")
                .when().post("/ui/cases/{id}/decision/preview", caseId)
                .then().statusCode(OK.getStatusCode());
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldPutTheCsrfTokenIntoEveryFormOfThePageAndIntoHtmxHeaders() {
        String caseId = openCase("Token");
        var page = given().when().get("/ui/cases/{id}", caseId).then().statusCode(OK.getStatusCode()).extract();
        String html = page.asString();
        String token = formToken(html);
        assertThat(page.cookie(CsrfForms.COOKIE)).isEqualTo(token);
        assertThat(html).contains("name=\"csrf-token\" value=\"" + token + "\"")
                .contains("\"X-CSRF-TOKEN\": \"" + token + "\"");
        assertThat(html.split("<form ", -1).length - 1)
                .isEqualTo(html.split("name=\"csrf-token\"", -1).length - 1);
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldKeepTheFormsOfAnOpenPageValidWhileTheClerkOpensAnotherPage() {
        String caseId = openCase("Two tabs");
        var first = given().when().get("/ui/cases/{id}", caseId).then().statusCode(OK.getStatusCode()).extract();
        String cookie = first.cookie(CsrfForms.COOKIE);
        String token = formToken(first.asString());
        // Another tab loads with the same cookie (as does the page's live-event stream): no new token.
        String second = given().cookie(CsrfForms.COOKIE, cookie).when().get("/ui").then()
                .statusCode(OK.getStatusCode()).extract().asString();
        assertThat(second).contains("\"X-CSRF-TOKEN\": \"" + token + "\"");
        // The first page's form still goes through.
        given().redirects().follow(false).cookie(CsrfForms.COOKIE, cookie).formParam("csrf-token", token)
                .formParam("version", String.valueOf(caseService.get(caseId).version()))
                .formParam("formKey", UUID.randomUUID().toString()).formParam("assignee", "clerk-berlin-17")
                .header("Sec-Fetch-Site", "same-origin")
                .when().post("/ui/cases/{id}/assignment", caseId)
                .then().statusCode(SEE_OTHER.getStatusCode());
        assertThat(caseService.get(caseId).assignee()).isEqualTo("clerk-berlin-17");
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldSendTheLivePartOfACasePageOnlyWhenSomethingChanged() {
        String caseId = openCase("Live");
        given().queryParam("v", 1).queryParam("n", 1).when().get("/ui/cases/{id}/live", caseId)
                .then().statusCode(NO_CONTENT.getStatusCode());
        csrf().redirects().follow(false).formParam("version", "1").formParam("formKey", UUID.randomUUID().toString())
                .when().post("/ui/cases/{id}/assignment", caseId)
                .then().statusCode(SEE_OTHER.getStatusCode());
        given().queryParam("v", 1).queryParam("n", 1).when().get("/ui/cases/{id}/live", caseId)
                .then().statusCode(OK.getStatusCode())
                .body(containsString("hx-swap-oob"))
                .body(containsString("Der Fall hat sich geändert"));
    }

    @Test
    void shouldSendAnyoneNotSignedInToTheIdentityProvider() {
        given().redirects().follow(false).when().get("/ui")
                .then().statusCode(302)
                .header("Location", containsString("/protocol/openid-connect/auth"));
    }

    @Test
    @TestSecurity(user = "clerk-berlin-17", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldOfferTheCandidateOfficesForAPostalCodeThatSpansDistricts() {
        given().queryParam("app.postalCode", "21039").queryParam("caseType", "BLUE_CARD")
                .when().get("/ui/new/jurisdiction")
                .then().statusCode(OK.getStatusCode())
                .body(containsString("value=\"abh-hamburg\""))
                .body(containsString("value=\"abh-herzogtum-lauenburg\""));
    }
}
