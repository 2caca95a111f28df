package de.fallnetz.gateway.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

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
        given().redirects().follow(false).cookie("csrf-token", CsrfForms.cookie(token))
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
}
