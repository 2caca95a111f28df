package de.fallnetz.notifications;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.CREATED;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.OK;
import static jakarta.ws.rs.core.Response.Status.UNAUTHORIZED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.KafkaTestClient;
import de.fallnetz.devstack.PartnerTokens;
import de.fallnetz.devstack.ServiceMetrics;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Signed partner webhooks: retries, order, exactly once, dead letters and replay (test retry schedule: 4 tries). */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "notification-service"))
class WebhookDeliveryTest {

    private static final String DELIVERED = EventType.INTERACTION_DELIVERED.type();
    private static final String CLAIMED = EventType.INTERACTION_CLAIMED.type();
    private static final String ANSWERED = EventType.INTERACTION_ANSWERED.type();

    private static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.onSharedStack();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void shouldDeliverEachEventOnceSignedAndInCaseOrderThroughFailures() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String org = "ba-zav-" + UUID.randomUUID().toString().substring(0, 8);
            String caseId = openCase("abh-berlin");
            String subscription = subscribe(org, receiver, List.of(DELIVERED, CLAIMED, ANSWERED), "abh-berlin");
            receiver.plan(500, 500, 500);

            send(EventType.INTERACTION_DELIVERED, caseId, org);
            send(EventType.INTERACTION_CLAIMED, caseId, org);
            send(EventType.INTERACTION_ANSWERED, caseId, org);
            // Not this partner's, and not a subscribed office: never delivered to it.
            send(EventType.INTERACTION_ANSWERED, caseId, "bamf");
            String elsewhere = openCase("abh-kiel");
            send(EventType.INTERACTION_ANSWERED, elsewhere, org);

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() >= 3);
            List<WebhookReceiver.Received> received = receiver.accepted();
            assertThat(received).extracting(WebhookReceiver.Received::type).containsExactly(DELIVERED, CLAIMED,
                    ANSWERED);
            assertThat(received).extracting(WebhookReceiver.Received::caseId).containsOnly(caseId);
            assertThat(received).extracting(WebhookReceiver.Received::eventId).doesNotHaveDuplicates();
            assertThat(receiver.badSignatures()).isZero();
            assertThat(receiver.calls()).isEqualTo(6);

            given().auth().oauth2(PartnerTokens.shared().mint(org))
                    .when().get("/partner/v1/subscriptions/{id}/deliveries", subscription)
                    .then().statusCode(OK.getStatusCode())
                    .body("", hasSize(3))
                    .body("[0].status", equalTo("SENT"))
                    .body("[0].attemptLog.statusCode", equalTo(List.of(500, 500, 500, 200)))
                    .body("[1].attemptLog", hasSize(1));
        }
    }

    @Test
    void shouldDeadLetterAfterTheRetriesPauseTheSubscriptionAndDeliverOnReplay() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String org = "relocation-" + UUID.randomUUID().toString().substring(0, 8);
            String token = PartnerTokens.shared().mint(org);
            String caseId = openCase("abh-berlin");
            String subscription = subscribe(org, receiver, List.of(DELIVERED), null);
            receiver.otherwise(500);

            send(EventType.INTERACTION_DELIVERED, caseId, org);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token)
                    .when().get("/partner/v1/subscriptions/{id}", subscription)
                    .then().body("status", equalTo("PAUSED")));
            String deadLetter = given().auth().oauth2(token)
                    .when().get("/partner/v1/subscriptions/{id}/dead-letters", subscription)
                    .then().statusCode(OK.getStatusCode())
                    .body("", hasSize(1))
                    .body("[0].attempts", equalTo(4))
                    .body("[0].lastError", equalTo("HTTP 500"))
                    .extract().path("[0].id");
            String metrics = "http://localhost:" + RestAssured.port;
            assertThat(ServiceMetrics.value(metrics, "fallnetz_notifications_deliveries_total",
                    Map.of("channel", "webhook", "outcome", "dead_lettered"))).isPositive();
            assertThat(ServiceMetrics.value(metrics, "fallnetz_notifications_deliveries_total",
                    Map.of("channel", "webhook", "outcome", "retried"))).isGreaterThanOrEqualTo(3);
            // Its owner was told by mail.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Mailbox.of("hooks@" + org + ".example").size() == 1);
            assertThat(Mailbox.of("hooks@" + org + ".example").get(0).subject())
                    .isEqualTo("Fallnetz webhook subscription paused");

            // Rotated secret: both sign for a while, the receiver knows only the new one.
            String newSecret = given().auth().oauth2(token)
                    .when().post("/partner/v1/subscriptions/{id}/secrets", subscription)
                    .then().statusCode(OK.getStatusCode())
                    .body("secret", startsWith("whsec_"))
                    .extract().path("secret");
            receiver.secret(newSecret);
            receiver.otherwise(200);
            given().auth().oauth2(token)
                    .when().post("/partner/v1/subscriptions/{id}/dead-letters/{d}/replay", subscription, deadLetter)
                    .then().statusCode(OK.getStatusCode())
                    .body("replayed", equalTo(1));

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() == 1);
            assertThat(receiver.badSignatures()).isZero();
            given().auth().oauth2(token)
                    .when().get("/partner/v1/subscriptions/{id}", subscription)
                    .then().body("status", equalTo("ACTIVE"));
            // The attempt log keeps the failed attempts and adds the replayed one after them (a replay once
            // restarted the numbering, and the successful attempt was not logged).
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(token)
                    .when().get("/partner/v1/subscriptions/{id}/deliveries", subscription)
                    .then().statusCode(OK.getStatusCode())
                    .body("find { it.id == '" + deadLetter + "' }.attemptLog.outcome",
                            equalTo(List.of("FAILED", "FAILED", "FAILED", "FAILED", "DELIVERED")))
                    .body("find { it.id == '" + deadLetter + "' }.attemptLog.attempt", equalTo(List.of(1, 2, 3, 4, 5))));
        }
    }

    @Test
    void shouldRefuseAnotherOrganisationsSubscriptionAndCallsWithoutToken() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String subscription = subscribe("bva", receiver, List.of(DELIVERED), null);
            given().auth().oauth2(PartnerTokens.shared().mint("bamf"))
                    .when().get("/partner/v1/subscriptions/{id}", subscription)
                    .then().statusCode(NOT_FOUND.getStatusCode())
                    .contentType("application/problem+json");
            given().when().get("/partner/v1/subscriptions")
                    .then().statusCode(UNAUTHORIZED.getStatusCode());
        }
    }

    @Test
    void shouldRefuseAnUnknownEventTypeAndAUrlThatIsNone() {
        given().auth().oauth2(PartnerTokens.shared().mint("bva"))
                .contentType("application/json")
                .body(Map.of("url", "ftp://example.org/x", "eventTypes", List.of("de.fallnetz.case.opened")))
                .when().post("/partner/v1/subscriptions")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("invalidParams.name", equalTo(List.of("url", "eventTypes")));
    }

    @Test
    void shouldNotCallAPrivateTargetUntilAnOperatorAllowsItNorAfterThePermissionIsWithdrawn() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String org = "bva-" + UUID.randomUUID().toString().substring(0, 8);
            String token = PartnerTokens.shared().mint(org);
            String caseId = openCase("abh-berlin");
            var created = given().auth().oauth2(token).contentType("application/json")
                    .body(Map.of("url", receiver.url(), "eventTypes", List.of(DELIVERED)))
                    .when().post("/partner/v1/subscriptions")
                    .then().statusCode(CREATED.getStatusCode())
                    .body("status", equalTo("AWAITING_APPROVAL"))
                    .extract();
            String subscription = created.path("id");
            receiver.secret(created.path("secret"));
            // The partner cannot approve its own target.
            given().auth().oauth2(token)
                    .when().put("/operator/webhook-subscriptions/{id}/private-network", subscription)
                    .then().statusCode(403);

            send(EventType.INTERACTION_DELIVERED, caseId, org);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token)
                    .when().get("/partner/v1/subscriptions/{id}/deliveries", subscription)
                    .then().body("", hasSize(1)).body("[0].status", equalTo("PENDING")));
            assertThat(receiver.calls()).isZero();

            String operator = PartnerTokens.shared().mint("fallnetz", "ops", List.of("operator"),
                    Duration.ofMinutes(5));
            given().auth().oauth2(operator)
                    .when().put("/operator/webhook-subscriptions/{id}/private-network", subscription)
                    .then().statusCode(OK.getStatusCode()).body("status", equalTo("ACTIVE"));
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() == 1);

            // Permission withdrawn: the next event is refused before any call, and retried, not sent.
            given().auth().oauth2(operator)
                    .when().delete("/operator/webhook-subscriptions/{id}/private-network", subscription)
                    .then().statusCode(OK.getStatusCode());
            send(EventType.INTERACTION_DELIVERED, caseId, org);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token)
                    .when().get("/partner/v1/subscriptions/{id}/deliveries", subscription)
                    .then().body("", hasSize(2))
                    .body("[1].lastError", equalTo("target refused: resolves to a private-network address")));
            assertThat(receiver.calls()).isEqualTo(1);
        }
    }

    @Test
    void shouldHoldEveryPrivateNetworkTargetForAnOperator() {
        // An organisation of its own: no event is ever meant for these subscriptions, so nothing is sent anywhere.
        String token = PartnerTokens.shared().mint("ssrf-" + UUID.randomUUID().toString().substring(0, 8));
        for (String url : List.of("http://localhost:1/hook", "http://[::1]:1/hook", "http://169.254.169.254/latest",
                "http://10.0.0.1/hook", "http://192.168.0.1/hook")) {
            given().auth().oauth2(token).contentType("application/json")
                    .body(Map.of("url", url, "eventTypes", List.of(DELIVERED)))
                    .when().post("/partner/v1/subscriptions")
                    .then().statusCode(CREATED.getStatusCode())
                    .body("status", equalTo("AWAITING_APPROVAL"))
                    .body("privateNetworkAllowed", equalTo(false));
        }
    }

    /** Subscribes (a private address: awaiting an operator) and has an operator allow the local receiver. */
    private static String subscribe(String org, WebhookReceiver receiver, List<String> types, String office) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("url", receiver.url(), "eventTypes", types,
                "contactEmail", "hooks@" + org + ".example"));
        if (office != null) {
            body.put("officeIds", List.of(office));
        }
        var created = given().auth().oauth2(PartnerTokens.shared().mint(org))
                .contentType("application/json").body(body)
                .when().post("/partner/v1/subscriptions")
                .then().statusCode(CREATED.getStatusCode())
                .body("status", equalTo("AWAITING_APPROVAL"))
                .body("secret", startsWith("whsec_"))
                .extract();
        String id = created.path("id");
        receiver.secret(created.path("secret"));
        String operator = PartnerTokens.shared().mint("fallnetz", "ops", List.of("operator"), Duration.ofMinutes(5));
        given().auth().oauth2(operator)
                .when().put("/operator/webhook-subscriptions/{id}/private-network", id)
                .then().statusCode(OK.getStatusCode())
                .body("status", equalTo("ACTIVE"));
        return id;
    }

    private static String openCase(String office) {
        String caseId = UUID.randomUUID().toString();
        kafka.sendCloudEvent(Topics.CASE_EVENTS, UUID.randomUUID().toString(), EventType.CASE_OPENED.type(),
                "/fallnetz/case-service", caseId, EventSamples.json(EventType.CASE_OPENED, caseId,
                        Map.of("officeId", office, "applicantEmail", "")));
        // The partner events below name the office only through the case: wait until the case is known.
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(Clerks.of(office))
                .queryParam("caseId", caseId).when().get("/notifications").then().extract().path("size()").equals(1));
        return caseId;
    }

    private static void send(EventType type, String caseId, String org) {
        kafka.sendCloudEvent(Topics.PARTNER_EVENTS, UUID.randomUUID().toString(), type.type(),
                "/fallnetz/ba-consent", caseId, EventSamples.json(type, caseId, Map.of("partnerOrganisation", org)));
    }
}
