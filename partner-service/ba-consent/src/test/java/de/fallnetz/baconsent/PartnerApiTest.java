package de.fallnetz.baconsent;

import static de.fallnetz.baconsent.BaPartner.as;
import static de.fallnetz.baconsent.BaPartner.asBa;
import static de.fallnetz.contracts.events.EventType.INTERACTION_ANSWERED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_CLAIMED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_DELIVERED;
import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.BAD_REQUEST;
import static jakarta.ws.rs.core.Response.Status.CONFLICT;
import static jakarta.ws.rs.core.Response.Status.CREATED;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.OK;
import static jakarta.ws.rs.core.Response.Status.PRECONDITION_FAILED;
import static jakarta.ws.rs.core.Response.Status.UNAUTHORIZED;
import static jakarta.ws.rs.core.Response.Status.UNSUPPORTED_MEDIA_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.InteractionTestEvents;
import de.fallnetz.devstack.InteractionTestEvents.Sent;
import de.fallnetz.devstack.PartnerTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "ba-consent"))
class PartnerApiTest {

    private static final String PROBLEM = "application/problem+json";
    private static final InteractionTestEvents requests = InteractionTestEvents.onSharedStack(
            FallnetzService.BA_CONSENT);

    @Test
    void shouldAnswerNotFoundToAnotherOrganisationAskingForTheBasRequest() {
        Sent r = delivered(Map.of());

        as("ihk-fosa").when().get("/partner/v1/requests/{id}", r.interactionId())
                .then().statusCode(NOT_FOUND.getStatusCode()).contentType(PROBLEM);
        as("ihk-fosa").header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", "\"0\"")
                .when().post("/partner/v1/requests/{id}/claim", r.interactionId())
                .then().statusCode(NOT_FOUND.getStatusCode()).contentType(PROBLEM);
    }

    @Test
    void shouldRefuseCallsWithoutAValidTokenWithAnUnauthorizedProblem() throws Exception {
        given().when().get("/partner/v1/requests")
                .then().statusCode(UNAUTHORIZED.getStatusCode()).contentType(PROBLEM);
        String expired = PartnerTokens.shared().mint("ba-zav", "clerk@ba-zav", List.of("partner"),
                Duration.ofMinutes(-10));
        given().auth().oauth2(expired).when().get("/partner/v1/requests")
                .then().statusCode(UNAUTHORIZED.getStatusCode()).contentType(PROBLEM);
        String forged = PartnerTokens.generate(Files.createTempDirectory("forger-")).mint("ba-zav");
        given().auth().oauth2(forged).when().get("/partner/v1/requests")
                .then().statusCode(UNAUTHORIZED.getStatusCode()).contentType(PROBLEM);
    }

    @Test
    void shouldClaimAndAnswerWithVersionsAndPublishBothAsContractEvents() {
        Sent r = delivered(Map.of());
        String etag = etag(r);

        asBa().header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", etag)
                .when().post("/partner/v1/requests/{id}/claim", r.interactionId())
                .then().statusCode(OK.getStatusCode()).body("state", equalTo("CLAIMED"))
                .body("claimedBy", equalTo("user@ba-zav"));
        // The version moved on: the old ETag is stale.
        answer(r, etag, UUID.randomUUID().toString(), "{\"outcome\":\"GRANTED\"}")
                .then().statusCode(PRECONDITION_FAILED.getStatusCode()).contentType(PROBLEM);
        answer(r, etag(r), UUID.randomUUID().toString(),
                "{\"outcome\":\"GRANTED_WITH_CONDITIONS\",\"conditions\":[\"Nur bei der Beispiel GmbH\"]}")
                .then().statusCode(OK.getStatusCode()).body("state", equalTo("ANSWERED"))
                .body("conditions", hasSize(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_ANSWERED).size() == 1);
        assertThat(EventSamples.violations(INTERACTION_CLAIMED, requests.published(r, INTERACTION_CLAIMED).get(0)))
                .isEmpty();
        assertThat(EventSamples.violations(INTERACTION_ANSWERED, requests.published(r, INTERACTION_ANSWERED).get(0)))
                .isEmpty();
        assertThat(InteractionTestEvents.field(requests.published(r, INTERACTION_ANSWERED).get(0), "binding")).isEqualTo("false");
        // The business dashboard's partner response time.
        assertThat(given().when().get("/q/metrics").then().statusCode(OK.getStatusCode()).extract().asString())
                .containsPattern("fallnetz_interactions_response_seconds_count\\{kind=\"\\w+\","
                        + "outcome=\"GRANTED_WITH_CONDITIONS\"\\} [1-9]");
    }

    @Test
    void shouldReplayTheSameAnswerForTheSameKeyAndRefuseTheKeyForAnotherBody() {
        Sent r = delivered(Map.of());
        String etag = etag(r);
        String key = UUID.randomUUID().toString();
        String body = "{\"outcome\":\"REFUSED\",\"reasons\":\"Lohn unter ortsüblichem Niveau\"}";

        String first = answer(r, etag, key, body).then().statusCode(OK.getStatusCode()).extract().asString();
        String again = answer(r, etag, key, body).then().statusCode(OK.getStatusCode()).extract().asString();
        assertThat(again).isEqualTo(first);
        answer(r, etag, key, "{\"outcome\":\"GRANTED\"}")
                .then().statusCode(422).contentType(PROBLEM);
        assertThat(requests.published(r, INTERACTION_ANSWERED)).hasSize(1);
        assertThat(InteractionTestEvents.field(requests.published(r, INTERACTION_ANSWERED).get(0), "binding")).isEqualTo("true");
    }

    @Test
    void shouldRejectARefusalWithoutReasonsAndAnOutcomeTheBaDoesNotGive() {
        Sent r = delivered(Map.of());

        answer(r, etag(r), UUID.randomUUID().toString(), "{\"outcome\":\"REFUSED\"}")
                .then().statusCode(BAD_REQUEST.getStatusCode()).contentType(PROBLEM)
                .body("invalidParams[0].name", equalTo("/reasons"));
        answer(r, etag(r), UUID.randomUUID().toString(), "{\"outcome\":\"NO_OBJECTION\"}")
                .then().statusCode(BAD_REQUEST.getStatusCode()).contentType(PROBLEM)
                .body("invalidParams[0].name", equalTo("/outcome"));
    }

    @Test
    void shouldPassTheRestrictionsOfAConsentWithConditionsToTheOfficeAsConditions() {
        Sent r = delivered(Map.of());

        answer(r, etag(r), UUID.randomUUID().toString(), """
                {"outcome":"GRANTED_WITH_CONDITIONS","reasons":"Arbeitsbedingungen geprüft",
                 "restrictions":{"employer":"Beispiel GmbH","occupation":"Softwareentwicklerin","weeklyHours":40,
                 "durationMonths":48,"region":"Berlin"}}""")
                .then().statusCode(OK.getStatusCode()).body("answerDetails.restrictions.employer",
                        equalTo("Beispiel GmbH"));

        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_ANSWERED).size() == 1);
        String answered = requests.published(r, INTERACTION_ANSWERED).get(0);
        assertThat(EventSamples.violations(INTERACTION_ANSWERED, answered)).isEmpty();
        assertThat(answered).contains("employer: Beispiel GmbH", "weeklyHours: 40", "region: Berlin");
    }

    @Test
    void shouldListEveryViolationOfTheAnswerSchemaAndWriteNothing() {
        Sent r = delivered(Map.of());
        String etag = etag(r);

        // Conditions without any condition, an unknown restriction and a negative working time: three violations.
        answer(r, etag, UUID.randomUUID().toString(), """
                {"outcome":"GRANTED_WITH_CONDITIONS","restrictions":{"weeklyHours":-5,"salary":1}}""")
                .then().statusCode(BAD_REQUEST.getStatusCode()).contentType(PROBLEM)
                .body("invalidParams.name", org.hamcrest.Matchers.hasItems("/restrictions/weeklyHours",
                        "/restrictions/salary"));
        answer(r, etag, UUID.randomUUID().toString(), "{\"outcome\":\"GRANTED_WITH_CONDITIONS\"}")
                .then().statusCode(BAD_REQUEST.getStatusCode()).contentType(PROBLEM)
                .body("invalidParams.name", org.hamcrest.Matchers.hasItem("/restrictions"));
        answer(r, etag, UUID.randomUUID().toString(), "{\"outcome\":\"GRANTED\",\"grantedBy\":\"me\"}")
                .then().statusCode(BAD_REQUEST.getStatusCode()).contentType(PROBLEM)
                .body("invalidParams[0].name", equalTo("/grantedBy"));
        answer(r, etag, UUID.randomUUID().toString(), "[]")
                .then().statusCode(BAD_REQUEST.getStatusCode()).contentType(PROBLEM)
                .body("invalidParams[0].name", equalTo("/"));
        answer(r, etag, UUID.randomUUID().toString(),
                "{\"outcome\":\"REFUSED\",\"reasons\":\"Lohn zu niedrig\",\"restrictions\":{\"region\":\"x\"}}")
                .then().statusCode(BAD_REQUEST.getStatusCode()).contentType(PROBLEM);

        assertThat(etag(r)).isEqualTo(etag);
        assertThat(requests.published(r, INTERACTION_ANSWERED)).isEmpty();
        assertThat(requests.db().count("partner_idempotency_key", "organisation = 'ba-zav' and status = 400"))
                .isZero();
    }

    @Test
    void shouldAnswerNotFoundBeforeLookingAtTheAnswerOfAnotherOrganisationsRequest() {
        Sent r = delivered(Map.of());

        as("ihk-fosa").header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", etag(r))
                .contentType(ContentType.JSON).body("{\"outcome\":\"MAYBE\"}")
                .when().post("/partner/v1/requests/{id}/answer", r.interactionId())
                .then().statusCode(NOT_FOUND.getStatusCode()).contentType(PROBLEM);
    }

    @Test
    void shouldAnswerConflictListingTheAllowedStatesWhenAnAnsweredRequestIsClaimed() {
        Sent r = delivered(Map.of());
        answer(r, etag(r), UUID.randomUUID().toString(), "{\"outcome\":\"GRANTED\"}")
                .then().statusCode(OK.getStatusCode());

        asBa().header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", etag(r))
                .when().post("/partner/v1/requests/{id}/claim", r.interactionId())
                .then().statusCode(CONFLICT.getStatusCode()).contentType(PROBLEM)
                .body("detail", containsString("allowed from ANSWERED: EXPIRED"));
    }

    @Test
    void shouldRequireIfMatchOnEveryWrite() {
        Sent r = delivered(Map.of());

        asBa().header("Idempotency-Key", UUID.randomUUID().toString())
                .when().post("/partner/v1/requests/{id}/claim", r.interactionId())
                .then().statusCode(428).contentType(PROBLEM);
    }

    @Test
    void shouldKeepAnUploadedPdfWithItsHashAndRefuseAnythingElse() {
        Sent r = delivered(Map.of());
        byte[] pdf = "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

        asBa().header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", etag(r))
                .contentType("application/pdf").body("not a pdf".getBytes(StandardCharsets.US_ASCII))
                .when().post("/partner/v1/requests/{id}/documents", r.interactionId())
                .then().statusCode(UNSUPPORTED_MEDIA_TYPE.getStatusCode()).contentType(PROBLEM);
        asBa().header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", etag(r))
                .contentType(ContentType.TEXT).body("%PDF-1.7")
                .when().post("/partner/v1/requests/{id}/documents", r.interactionId())
                .then().statusCode(UNSUPPORTED_MEDIA_TYPE.getStatusCode()).contentType(PROBLEM);
        asBa().header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", etag(r))
                .queryParam("fileName", "Stellenbeschreibung.pdf").contentType("application/pdf").body(pdf)
                .when().post("/partner/v1/requests/{id}/documents", r.interactionId())
                .then().statusCode(CREATED.getStatusCode())
                .body("sha256", matchesPattern("[0-9a-f]{64}")).body("sizeBytes", equalTo(pdf.length));

        asBa().when().get("/partner/v1/requests/{id}", r.interactionId())
                .then().statusCode(OK.getStatusCode())
                .body("documents", hasSize(1)).body("documents[0].fileName", equalTo("Stellenbeschreibung.pdf"));
    }

    @Test
    void shouldPageThroughTheInboxByDueDateWithoutRepeatingARequest() {
        // A team of its own for an office of its own, so that its inbox holds only this test's requests.
        String org = "ba-page-" + UUID.randomUUID().toString().substring(0, 8);
        String office = "abh-" + org;
        requests.db().update("insert into partner_organisation (id, name, role, kinds, offices, laender, nationwide,"
                + " loaded_at) values ('" + org + "', 'Testteam', 'BA_ZAV', '[\"BA_CONSENT\"]', '[\"" + office
                + "\"]', '[]', false, now())");
        for (int i = 0; i < 3; i++) {
            delivered(Map.of("officeId", office));
        }

        var first = as(org).queryParam("limit", 2).when().get("/partner/v1/requests")
                .then().statusCode(OK.getStatusCode()).body("items", hasSize(2)).extract().jsonPath();
        as(org).queryParam("limit", 2).queryParam("after", first.getString("next"))
                .when().get("/partner/v1/requests")
                .then().statusCode(OK.getStatusCode()).body("items", hasSize(1)).body("next", nullValue())
                .body("items[0].id", not(in(first.getList("items.id"))));
        as(org).queryParam("kind", "BA_PRE_APPROVAL").when().get("/partner/v1/requests")
                .then().statusCode(OK.getStatusCode()).body("items", hasSize(0));
        as(org).queryParam("limit", 101).when().get("/partner/v1/requests")
                .then().statusCode(BAD_REQUEST.getStatusCode()).contentType(PROBLEM);
    }

    private Sent delivered(Map<String, Object> changes) {
        Sent r = requests.request(changes);
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        return r;
    }

    private static String etag(Sent r) {
        return asBa().when().get("/partner/v1/requests/{id}", r.interactionId())
                .then().statusCode(OK.getStatusCode()).extract().header("ETag");
    }

    private static io.restassured.response.Response answer(Sent r, String etag, String key, String body) {
        return asBa().header("Idempotency-Key", key).header("If-Match", etag).contentType(ContentType.JSON)
                .body(body).when().post("/partner/v1/requests/{id}/answer", r.interactionId());
    }
}
