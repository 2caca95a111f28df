package de.fallnetz.relocation;

import static de.fallnetz.contracts.events.EventType.INTERACTION_ANSWERED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_CANCELLED;
import static de.fallnetz.contracts.events.EventType.INTERACTION_DELIVERED;
import static de.fallnetz.contracts.events.EventType.POWER_OF_ATTORNEY_EXPIRED;
import static de.fallnetz.contracts.events.EventType.POWER_OF_ATTORNEY_GRANTED;
import static de.fallnetz.contracts.events.EventType.POWER_OF_ATTORNEY_REVOKED;
import static de.fallnetz.devstack.InteractionTestEvents.deadline;
import static de.fallnetz.devstack.InteractionTestEvents.field;
import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.BAD_REQUEST;
import static jakarta.ws.rs.core.Response.Status.CREATED;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.InteractionTestEvents;
import de.fallnetz.devstack.InteractionTestEvents.Sent;
import de.fallnetz.devstack.PartnerTokens;
import de.fallnetz.interactions.deadline.InteractionClock;
import de.fallnetz.relocation.domain.PowerOfAttorneyExpiry;
import de.fallnetz.relocation.domain.PowerOfAttorneyService;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "relocation-handoff"))
class PowerOfAttorneyTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String CASE_TYPE = "ACCELERATED_SKILLED_WORKER";
    private static final List<String> ALL_ACTS = List.of("FILE", "RECEIVE_DOCUMENTS", "ANSWER");
    private static final InteractionTestEvents requests = InteractionTestEvents.onSharedStack(
            FallnetzService.RELOCATION_HANDOFF);

    @Inject
    InteractionClock clock;

    @Inject
    PowerOfAttorneyExpiry expiry;

    @Test
    void shouldHandTheCaseToTheAgencyAtTheEndOfTheChainAndTakeItsAnswer() {
        String caseId = UUID.randomUUID().toString();
        String employer = grant(caseId, "employer-" + shortId(), null, true, ALL_ACTS, days(180));
        grant(caseId, "relocation-muster", employer, false, List.of("RECEIVE_DOCUMENTS", "ANSWER"), days(90));

        Sent r = handOff(caseId);
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        assertThat(field(requests.published(r, INTERACTION_DELIVERED).get(0), "partnerOrganisation"))
                .isEqualTo("relocation-muster");

        String etag = as("relocation-muster").when().get("/partner/v1/requests/{id}", r.interactionId())
                .then().statusCode(OK.getStatusCode()).extract().header("ETag");
        as("relocation-muster").header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", etag)
                .contentType(ContentType.JSON).body(Map.of("outcome", "DECLINED"))
                .when().post("/partner/v1/requests/{id}/answer", r.interactionId())
                .then().statusCode(BAD_REQUEST.getStatusCode()).body("invalidParams[0].name", equalTo("/reasons"));
        as("relocation-muster").header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", etag)
                .contentType(ContentType.JSON).body(Map.of("outcome", "DOCUMENTS_SUBMITTED",
                        "submittedDocuments", List.of("Arbeitsvertrag", "Stellenbeschreibung")))
                .when().post("/partner/v1/requests/{id}/answer", r.interactionId())
                .then().statusCode(OK.getStatusCode()).body("state", equalTo("ANSWERED"));
        assertThat(requests.published(r, INTERACTION_ANSWERED)).hasSize(1);
    }

    @Test
    void shouldCutTheAgencyOffAtOnceWhenTheApplicantRevokesTheEmployersPower() {
        String caseId = UUID.randomUUID().toString();
        String employer = grant(caseId, "employer-" + shortId(), null, true, ALL_ACTS, days(180));
        String agency = grant(caseId, "relocation-muster", employer, false, ALL_ACTS, days(90));
        Sent r = handOff(caseId);
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        as("relocation-muster").when().get("/partner/v1/requests/{id}", r.interactionId())
                .then().statusCode(OK.getStatusCode());

        office().contentType(ContentType.JSON)
                .body(Map.of("revokedBy", "APPLICANT", "reason", "Widerruf der Vollmacht durch die Antragstellerin"))
                .when().post("/api/powers-of-attorney/{id}/revocation", employer)
                .then().statusCode(OK.getStatusCode()).body("inForce", equalTo(false));

        as("relocation-muster").when().get("/partner/v1/requests/{id}", r.interactionId())
                .then().statusCode(NOT_FOUND.getStatusCode()).contentType(PROBLEM);
        office().when().get("/api/powers-of-attorney/{id}", agency)
                .then().statusCode(OK.getStatusCode()).body("revokedBy", equalTo("CHAIN"))
                .body("inForce", equalTo(false));
        assertThat(requests.published(r, POWER_OF_ATTORNEY_REVOKED)).hasSize(2);
        assertThat(requests.published(r, INTERACTION_CANCELLED)).singleElement()
                .satisfies(e -> assertThat(field(e, "reason")).isEqualTo("POWER_OF_ATTORNEY_REVOKED"));
    }

    @Test
    void shouldLetOnlyTheOfficeRecordOrReadPowersOfAttorney() {
        given().contentType(ContentType.JSON)
                .body(body(UUID.randomUUID().toString(), "employer-x", null, true, List.of("FILE"), days(30)))
                .when().post("/api/powers-of-attorney")
                .then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(PartnerTokens.shared().mint("relocation-muster"))
                .when().get("/api/powers-of-attorney/{id}", UUID.randomUUID().toString())
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void shouldRefuseASubDelegationThePowerDoesNotAllow() {
        String caseId = UUID.randomUUID().toString();
        String employer = grant(caseId, "employer-" + shortId(), null, false, ALL_ACTS, days(180));

        grantCall(caseId, "relocation-muster", employer, false, ALL_ACTS, days(90))
                .then().statusCode(422).contentType(PROBLEM).body("type", equalTo(
                        "urn:fallnetz:problem:sub-delegation-not-allowed"));
    }

    @Test
    void shouldRefuseASubDelegationWiderOrLongerThanItsParent() {
        String caseId = UUID.randomUUID().toString();
        String employer = grant(caseId, "employer-" + shortId(), null, true, List.of("RECEIVE_DOCUMENTS"), days(30));

        grantCall(caseId, "relocation-muster", employer, false, List.of("RECEIVE_DOCUMENTS", "ANSWER"), days(20))
                .then().statusCode(422).body("invalidParams[0].name", equalTo("acts"));
        grantCall(caseId, "relocation-muster", employer, false, List.of("RECEIVE_DOCUMENTS"), days(60))
                .then().statusCode(422).body("invalidParams[0].name", equalTo("validUntil"));
        grantCall(caseId, "relocation-muster", null, false, List.of("SIGN_CONTRACTS"), days(60))
                .then().statusCode(BAD_REQUEST.getStatusCode()).body("invalidParams[0].name", equalTo("acts"));
    }

    @Test
    void shouldLetTheHolderSeeButNotAnswerOutsideTheActsItsPowerCovers() {
        String caseId = UUID.randomUUID().toString();
        grant(caseId, "lawyer-" + shortId(), null, false, List.of("RECEIVE_DOCUMENTS"), days(30));
        Sent r = handOff(caseId);
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        String holder = field(requests.published(r, INTERACTION_DELIVERED).get(0), "partnerOrganisation");

        String etag = as(holder).when().get("/partner/v1/requests/{id}", r.interactionId())
                .then().statusCode(OK.getStatusCode()).extract().header("ETag");
        as(holder).header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", etag)
                .when().post("/partner/v1/requests/{id}/claim", r.interactionId())
                .then().statusCode(NOT_FOUND.getStatusCode());
    }

    @Test
    void shouldLoseAccessWhenThePowerExpires() {
        String caseId = UUID.randomUUID().toString();
        grant(caseId, "counselling-" + shortId(), null, false, ALL_ACTS, days(3));
        Sent r = handOff(caseId);
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        String holder = field(requests.published(r, INTERACTION_DELIVERED).get(0), "partnerOrganisation");

        clock.advance(Duration.ofDays(4));
        try {
            as(holder).when().get("/partner/v1/requests/{id}", r.interactionId())
                    .then().statusCode(NOT_FOUND.getStatusCode());
        } finally {
            clock.advance(Duration.ofDays(-4));
        }
    }

    @Test
    void shouldEndTheChainAndCancelTheOpenHandOffOnceWhenTheValidityEnds() {
        String caseId = UUID.randomUUID().toString();
        Instant until = days(10);
        String employer = grant(caseId, "employer-" + shortId(), null, true, ALL_ACTS, until);
        String agencyOrg = "agency-" + shortId();
        grant(caseId, agencyOrg, employer, false, ALL_ACTS, until);
        Sent r = handOff(caseId);
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_DELIVERED).size() == 1);
        assertThat(field(requests.published(r, INTERACTION_DELIVERED).get(0), "partnerOrganisation"))
                .isEqualTo(agencyOrg);

        clock.advance(Duration.ofDays(11));
        try {
            expiry.applyDue();
            expiry.applyDue(); // the deadline fires once, however often it is polled

            List<String> expired = requests.db().queryStrings("select payload from outbox_event where subject = '"
                    + caseId + "' and event_type = '" + POWER_OF_ATTORNEY_EXPIRED.type() + "'");
            assertThat(expired).hasSize(2).allSatisfy(
                    e -> assertThat(EventSamples.violations(POWER_OF_ATTORNEY_EXPIRED, e)).isEmpty());
            assertThat(expired).extracting(e -> field(e, "powerOfAttorneyId")).contains(employer);
            assertThat(requests.published(r, INTERACTION_CANCELLED)).hasSize(1);
            assertThat(field(requests.published(r, INTERACTION_CANCELLED).get(0), "reason"))
                    .isEqualTo(PowerOfAttorneyService.EXPIRED);
            assertThat(requests.db().queryStrings("select payload from outbox_event where subject = '" + caseId
                    + "' and event_type = '" + POWER_OF_ATTORNEY_REVOKED.type() + "'")).isEmpty();
            as(agencyOrg).when().get("/partner/v1/requests/{id}", r.interactionId())
                    .then().statusCode(NOT_FOUND.getStatusCode());
        } finally {
            clock.advance(Duration.ofDays(-11));
        }
        // Expired for good: turning the clock back does not bring the hand-off back.
        as(agencyOrg).when().get("/partner/v1/requests/{id}", r.interactionId())
                .then().statusCode(NOT_FOUND.getStatusCode());
    }

    @Test
    void shouldNotOpenACaseOfAnotherOfficeWithAPowerRecordedAtThisOne() {
        String caseId = UUID.randomUUID().toString();
        String holder = "agency-" + shortId();
        String power = grant(caseId, holder, null, false, ALL_ACTS, days(90));

        // The hand-off comes from another office: the Berlin power gives the agency nothing there.
        Sent elsewhere = requests.request(caseId, Map.of("kind", "RELOCATION_HANDOFF", "caseType", CASE_TYPE,
                "officeId", "abh-muenchen", "officeLand", "DE-BY", "partnerOrganisation", "relocation-agency",
                "deadline", deadline(0, "NONE", "NONE", "keine (Unterbevollmächtigung)")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> requests.published(elsewhere, INTERACTION_ANSWERED).size() == 1);
        assertThat(field(requests.published(elsewhere, INTERACTION_ANSWERED).get(0), "outcome"))
                .isEqualTo("NO_POWER_OF_ATTORNEY");
        as(holder).when().get("/partner/v1/requests/{id}", elsewhere.interactionId())
                .then().statusCode(NOT_FOUND.getStatusCode());

        // Nor do another office's clerks see or revoke it.
        RequestSpecification muenchen = given().auth().oauth2(
                PartnerTokens.shared().mintUser("clara", List.of("clerk"), "abh-muenchen"));
        muenchen.when().get("/api/powers-of-attorney/{id}", power).then().statusCode(NOT_FOUND.getStatusCode());
        given().auth().oauth2(PartnerTokens.shared().mintUser("clara", List.of("clerk"), "abh-muenchen"))
                .queryParam("caseId", caseId).when().get("/api/powers-of-attorney")
                .then().statusCode(OK.getStatusCode()).body("size()", equalTo(0));
        given().auth().oauth2(PartnerTokens.shared().mintUser("clara", List.of("clerk"), "abh-muenchen"))
                .contentType(ContentType.JSON).body(Map.of("revokedBy", "OFFICE", "reason", "Versuch"))
                .when().post("/api/powers-of-attorney/{id}/revocation", power)
                .then().statusCode(NOT_FOUND.getStatusCode());

        // At its own office it still works.
        Sent here = handOff(caseId);
        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(here, INTERACTION_DELIVERED).size() == 1);
        as(holder).when().get("/partner/v1/requests/{id}", here.interactionId()).then().statusCode(OK.getStatusCode());
    }

    @Test
    void shouldAnswerAtOnceWhenNobodyHoldsAPowerForTheCase() {
        Sent r = handOff(UUID.randomUUID().toString());

        await().atMost(Duration.ofSeconds(30)).until(() -> requests.published(r, INTERACTION_ANSWERED).size() == 1);
        assertThat(field(requests.published(r, INTERACTION_ANSWERED).get(0), "outcome"))
                .isEqualTo("NO_POWER_OF_ATTORNEY");
        assertThat(requests.published(r, INTERACTION_DELIVERED)).isEmpty();
    }

    @Test
    void shouldLetTheEmployerSubDelegateThroughThePartnerApiAndPublishTheGrant() {
        String caseId = UUID.randomUUID().toString();
        String employerOrg = "employer-" + shortId();
        String employer = grant(caseId, employerOrg, null, true, ALL_ACTS, days(180));

        Map<String, Object> body = body(null, "relocation-muster", null, false, List.of("RECEIVE_DOCUMENTS"),
                days(60));
        as("relocation-muster").header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(body)
                .when().post("/partner/v1/powers-of-attorney/{id}/sub-delegations", employer)
                .then().statusCode(NOT_FOUND.getStatusCode());
        as(employerOrg).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(body)
                .when().post("/partner/v1/powers-of-attorney/{id}/sub-delegations", employer)
                .then().statusCode(CREATED.getStatusCode()).body("grantor", equalTo(employerOrg))
                .body("inForce", equalTo(true));

        assertThat(requests.db().queryStrings("select payload from outbox_event where subject = '" + caseId
                + "' and event_type = '" + POWER_OF_ATTORNEY_GRANTED.type() + "'")).hasSize(2);
    }

    private Sent handOff(String caseId) {
        return requests.request(caseId, Map.of("kind", "RELOCATION_HANDOFF", "caseType", CASE_TYPE,
                "partnerOrganisation", "relocation-agency",
                "deadline", deadline(0, "NONE", "NONE", "keine (Unterbevollmächtigung)")));
    }

    private String grant(String caseId, String holder, String parent, boolean subDelegation, List<String> acts,
            Instant until) {
        return grantCall(caseId, holder, parent, subDelegation, acts, until)
                .then().statusCode(CREATED.getStatusCode()).extract().path("id");
    }

    private io.restassured.response.Response grantCall(String caseId, String holder, String parent,
            boolean subDelegation, List<String> acts, Instant until) {
        return office().contentType(ContentType.JSON).body(body(caseId, holder, parent, subDelegation, acts, until))
                .when().post("/api/powers-of-attorney");
    }

    /** A clerk of the office, as the gateway forwards her. */
    private static io.restassured.specification.RequestSpecification office() {
        return given().auth().oauth2(PartnerTokens.shared().mintUser("anna", List.of("clerk"), "abh-berlin"));
    }

    private static Map<String, Object> body(String caseId, String holder, String parent, boolean subDelegation,
            List<String> acts, Instant until) {
        Map<String, Object> body = new HashMap<>();
        body.put("caseId", caseId);
        body.put("holder", holder);
        body.put("parentId", parent);
        body.put("subDelegationAllowed", subDelegation);
        body.put("caseTypes", List.of(CASE_TYPE));
        body.put("acts", acts);
        body.put("validUntil", until.toString());
        return body;
    }

    private Instant days(int n) {
        return clock.instant().plus(Duration.ofDays(n));
    }

    private static RequestSpecification as(String organisation) {
        return given().auth().oauth2(PartnerTokens.shared().mint(organisation));
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
