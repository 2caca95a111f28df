package de.fallnetz.gateway.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.gateway.CsrfForms;
import de.fallnetz.gateway.audit.AuditService;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;

@QuarkusTest
@TestProfile(InMemoryInteractionServices.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class PartnerPortalResourceTest {

    private static final String AGENCY = "relocation-muster";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AuditService audit;

    @Test
    @TestSecurity(user = "rosa.keller", roles = "partner", attributes = {
            @SecurityAttribute(key = "partner_org", value = AGENCY), @SecurityAttribute(key = "name", value = "Rosa Keller") })
    void shouldListTheOrganisationsRequestsInGermanAndEnglishAndAuditTheRead() {
        var own = InMemoryInteractionServices.deliver("relocation-handoff", "RELOCATION_HANDOFF", AGENCY, 5);
        var others = InMemoryInteractionServices.deliver("welcome-center", "WELCOME_CENTER", "welcome-center-berlin",
                3);
        given().when().get("/portal")
                .then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .body(containsString("<html lang=\"de\""))
                .body(containsString("Posteingang"))
                .body(containsString("Übergabe an Bevollmächtigte"))
                .body(containsString(own.caseId))
                .body(not(containsString(others.caseId)))
                .body(containsString("Angemeldet als Rosa Keller, relocation-muster"));
        given().header("Accept-Language", "en").when().get("/portal")
                .then().statusCode(200)
                .body(containsString("<html lang=\"en\""))
                .body(containsString("Hand-off to the authorised representative"));
        // The services got the partner's internal token, as a partner system's call through the front door would.
        assertThat(InMemoryInteractionServices.lastToken.path("partner_org").asText()).isEqualTo(AGENCY);
        assertThat(InMemoryInteractionServices.lastToken.path("scope").asText())
                .isEqualTo("requests:read requests:write");
        assertThat(audit.search("rosa.keller", own.caseId, "portal.inbox.read", null, null, null, 10)).isNotEmpty();
    }

    @Test
    @TestSecurity(user = "rosa.keller", roles = "partner", attributes = @SecurityAttribute(key = "partner_org",
            value = AGENCY))
    void shouldShowAnotherOrganisationsRequestAsNotFound() {
        var others = InMemoryInteractionServices.deliver("welcome-center", "WELCOME_CENTER", "welcome-center-berlin",
                3);
        given().when().get("/portal/welcome-center/requests/{id}", others.id)
                .then().statusCode(404)
                .body(not(containsString(others.caseId)));
        given().when().get("/portal/no-such-service/requests/{id}", others.id).then().statusCode(404);
        assertThat(audit.search("rosa.keller", others.caseId, null, null, null, null, 10)).isEmpty();
    }

    @Test
    @TestSecurity(user = "rosa.keller", roles = "partner", attributes = @SecurityAttribute(key = "partner_org",
            value = AGENCY))
    void shouldClaimAndAnswerAndShowTheServicesViolationsNextToTheFields() {
        var r = InMemoryInteractionServices.deliver("relocation-handoff", "RELOCATION_HANDOFF", AGENCY, 5);
        String page = "/portal/relocation-handoff/requests/" + r.id;
        given().when().get(page).then().statusCode(200)
                .body(containsString("Bitte Unterlagen zum Antrag nachreichen"))
                .body(containsString("id=\"claim\""));
        assertThat(audit.search("rosa.keller", r.caseId, "portal.request.read", null, null, null, 10)).isNotEmpty();

        CsrfForms.request().redirects().follow(false).formParam("version", "1")
                .formParam("formKey", UUID.randomUUID().toString())
                .when().post(page + "/claim")
                .then().statusCode(303).header("Location", containsString(page + "?done=claim"));
        assertThat(r.claimedBy).isEqualTo("rosa.keller");

        // Declining without reasons breaks the kind's answer schema: the service's violation shows at the field.
        CsrfForms.request().redirects().follow(false).formParam("version", "2")
                .formParam("formKey", UUID.randomUUID().toString()).formParam("outcome", "DECLINED")
                .formParam("conditions", "Mandat endet am 31.12.")
                .when().post(page + "/answer")
                .then().statusCode(400)
                .body(containsString("id=\"answer-reasons-error\""))
                .body(containsString("required property &#39;reasons&#39; not found"))
                .body(containsString("aria-invalid=\"true\""))
                .body(containsString("Mandat endet am 31.12."));
        assertThat(r.state).isEqualTo("CLAIMED");

        CsrfForms.request().redirects().follow(false).formParam("version", "2")
                .formParam("formKey", UUID.randomUUID().toString()).formParam("outcome", "DOCUMENTS_SUBMITTED")
                .formParam("submittedDocuments", "Arbeitsvertrag\nStellenbeschreibung")
                .when().post(page + "/answer")
                .then().statusCode(303);
        assertThat(r.state).isEqualTo("ANSWERED");
        given().when().get(page).then().statusCode(200)
                .body(containsString("Unterlagen eingereicht"))
                .body(not(containsString("id=\"answer-form\"")));
    }

    @Test
    @TestSecurity(user = "rosa.keller", roles = "partner", attributes = @SecurityAttribute(key = "partner_org",
            value = AGENCY))
    void shouldUploadAPdfToTheRequest() {
        var r = InMemoryInteractionServices.deliver("relocation-handoff", "RELOCATION_HANDOFF", AGENCY, 5);
        String token = CsrfForms.token();
        given().redirects().follow(false).cookie(CsrfForms.COOKIE, CsrfForms.cookie(token))
                .multiPart("csrf-token", token).multiPart("version", "1")
                .multiPart("formKey", UUID.randomUUID().toString())
                .multiPart("file", "Arbeitsvertrag.pdf", "%PDF-1.4\n%%EOF\n".getBytes(), "application/pdf")
                .when().post("/portal/relocation-handoff/requests/{id}/documents", r.id)
                .then().statusCode(303);
        assertThat(r.documents).hasSize(1);
        given().when().get("/portal/relocation-handoff/requests/{id}", r.id).then().statusCode(200)
                .body(containsString("Arbeitsvertrag.pdf"));
    }

    @Test
    @TestSecurity(user = "rosa.keller", roles = "partner", attributes = @SecurityAttribute(key = "partner_org",
            value = AGENCY))
    void shouldRefuseAPortalFormWithoutTheCsrfTokenAndChangeNothing() {
        var r = InMemoryInteractionServices.deliver("relocation-handoff", "RELOCATION_HANDOFF", AGENCY, 5);
        given().redirects().follow(false).formParam("version", "1").formParam("formKey", UUID.randomUUID().toString())
                .when().post("/portal/relocation-handoff/requests/{id}/claim", r.id)
                .then().statusCode(403).contentType("application/problem+json");
        assertThat(r.claimedBy).isNull();
    }

    @Test
    @TestSecurity(user = "rosa.keller", roles = "partner", attributes = @SecurityAttribute(key = "partner_org",
            value = AGENCY))
    void shouldOfferEveryKindsRequiredFieldsAndPassEachExampleAnswerThroughTheServicesSchema() throws Exception {
        int answered = 0;
        for (Map.Entry<String, List<String>> service : InMemoryInteractionServices.services().entrySet()) {
            for (String kind : service.getValue()) {
                JsonNode schema = JSON.readTree(Files.readString(InMemoryInteractionServices.schemaFile(
                        service.getKey(), kind)));
                for (JsonNode example : schema.path("examples")) {
                    var r = InMemoryInteractionServices.deliver(service.getKey(), kind, AGENCY, 5);
                    String page = "/portal/" + service.getKey() + "/requests/" + r.id;
                    String html = given().when().get(page).then().statusCode(200).extract().asString();
                    for (String required : required(schema)) {
                        assertThat(control(html, AnswerForms.id(required))).as(required + " of " + kind)
                                .contains("aria-required=\"true\"");
                    }
                    schema.path("properties").fieldNames().forEachRemaining(property -> assertThat(html)
                            .as(property + " of " + kind).containsPattern("name=\"" + property + "[\".]"));

                    var form = CsrfForms.request().redirects().follow(false).formParam("version", "1")
                            .formParam("formKey", UUID.randomUUID().toString());
                    AnswerFormsTest.formValues(example).forEach(form::formParam);
                    form.when().post(page + "/answer").then().statusCode(303);
                    assertThat(r.answer).as(kind + " answered with " + example).isNotNull();
                    assertThat(r.answer.equals((a, b) -> a.isNumber() && b.isNumber()
                            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1, example))
                            .as(kind + ": " + r.answer + " for " + example).isTrue();
                    answered++;
                }
            }
        }
        assertThat(answered).isGreaterThanOrEqualTo(AnswerFormsTest.kinds().size());
    }

    @Test
    @TestSecurity(user = "rosa.keller", roles = "partner", attributes = @SecurityAttribute(key = "partner_org",
            value = AGENCY))
    void shouldShowAViolationInAGroupAtItsFieldAndKeepWhatWasEntered() {
        var consent = InMemoryInteractionServices.deliver("ba-consent", "BA_CONSENT", AGENCY, 5);
        String page = "/portal/ba-consent/requests/" + consent.id;
        given().when().get(page).then().statusCode(200)
                .body(containsString("<legend class=\"kern-label\">Beschränkungen der Zustimmung"))
                .body(containsString("id=\"answer-restrictions-weeklyHours\""))
                .body(containsString("type=\"number\""));
        CsrfForms.request().redirects().follow(false).formParam("version", "1")
                .formParam("formKey", UUID.randomUUID().toString()).formParam("outcome", "GRANTED_WITH_CONDITIONS")
                .formParam("restrictions.weeklyHours", "vierzig").formParam("restrictions.employer", "Beispiel GmbH")
                .when().post(page + "/answer")
                .then().statusCode(400)
                .body(containsString("id=\"answer-restrictions-weeklyHours-error\""))
                .body(containsString("aria-describedby=\"answer-restrictions-weeklyHours-error\""))
                .body(containsString("value=\"vierzig\""))
                .body(containsString("value=\"Beispiel GmbH\""));
        assertThat(consent.answer).isNull();

        // A partial recognition without its compensation measures: the refusal shows at the measures' fieldset.
        var recognition = InMemoryInteractionServices.deliver("recognition", "RECOGNITION", AGENCY, 5);
        String refused = CsrfForms.request().header("Accept-Language", "en").redirects().follow(false)
                .formParam("version", "1").formParam("formKey", UUID.randomUUID().toString())
                .formParam("outcome", "GRANTED_WITH_CONDITIONS").formParam("equivalence", "PARTIAL")
                .formParam("reference", "LAGeSo-A-2026-0815")
                .when().post("/portal/recognition/requests/" + recognition.id + "/answer")
                .then().statusCode(400)
                .body(containsString("<legend class=\"kern-label\">Compensation measure 1 of 3</legend>"))
                .body(containsString("id=\"answer-compensationMeasures-0-error\""))
                .body(containsString("Required for: Refused."))
                .extract().asString();
        // A measure may be left out; one that is given needs its type, which its fieldset says.
        assertThat(control(refused, "answer-compensationMeasures-1-type")).doesNotContain("aria-required");
        assertThat(refused).contains("If given, then with: Type of measure.");
        assertThat(recognition.answer).isNull();
    }

    /** The schema's fields every answer needs: {@code required}, and {@code required} of an unconditional allOf. */
    private static List<String> required(JsonNode schema) {
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        schema.path("allOf").forEach(rule -> {
            if (!rule.has("if")) {
                rule.path("required").forEach(r -> required.add(r.asText()));
            }
        });
        return required;
    }

    /** The form control with the id, as rendered. */
    private static String control(String html, String id) {
        Matcher m = Pattern.compile("<(select|input|textarea)[^>]*id=\"" + Pattern.quote(id) + "\"[^>]*>")
                .matcher(html);
        return m.find() ? m.group() : "";
    }
}
