package de.fallnetz.notifications;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.Topics;
import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.KafkaTestClient;
import de.fallnetz.devstack.PartnerTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** Clerks' in-app notifications: stored per office, unread per clerk, pushed as server-sent events. */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "notification-service"))
class ClerkNotificationTest {

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
    void shouldPushAPartnerAnswerToTheOfficeAndCountItUnreadPerClerk() throws Exception {
        String office = "abh-" + UUID.randomUUID().toString().substring(0, 8);
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<Stream<String>>> stream = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                        + "/api/clerk-notifications/stream?officeId=" + office))
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + clerk("anna", office)).build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> response.body().forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();

        String caseId = openCase(office);
        send(EventType.INTERACTION_ANSWERED, caseId, Map.of());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(clerk("anna", office))
                .queryParam("officeId", office).queryParam("clerk", "anna")
                .when().get("/api/clerk-notifications")
                .then().statusCode(OK.getStatusCode())
                .body("unread", equalTo(1))
                .body("items", hasSize(1))
                .body("items[0].kind", equalTo("PARTNER_ANSWERED"))
                .body("items[0].caseId", equalTo(caseId)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains(caseId)));
        assertThat(String.join("\n", lines).replace(": ", ":")).contains("event:notification\ndata:{");
        // The case's opening, once consumed, is a signal for open pages of the case (no notification for the bell).
        await().atMost(Duration.ofSeconds(30)).until(() -> String.join("\n", lines).replace(": ", ":")
                .matches("(?s).*event:case-changed\ndata:\\{[^\n]*\"" + caseId + "\"[^\n]*case\\.opened.*"));
        // A quiet stream still says it is alive (every second under %test), so its reader can tell quiet from dead.
        await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.matches("event: ?heartbeat")));

        String id = given().auth().oauth2(clerk("anna", office)).queryParam("officeId", office).queryParam("clerk", "anna")
                .when().get("/api/clerk-notifications").then().extract().path("items[0].id");
        given().auth().oauth2(clerk("anna", office)).queryParam("officeId", office).queryParam("clerk", "anna")
                .when().post("/api/clerk-notifications/{id}/read", id)
                .then().statusCode(OK.getStatusCode())
                .body("marked", equalTo(1))
                .body("unread", equalTo(0));
        given().auth().oauth2(clerk("ben", office)).queryParam("officeId", office).queryParam("clerk", "ben")
                .when().get("/api/clerk-notifications")
                .then().body("unread", equalTo(1));
    }

    @Test
    void shouldWarnTheOfficeOfAPartnerDeadlineWithinTwoWorkingDaysOnly() {
        String office = "abh-" + UUID.randomUUID().toString().substring(0, 8);
        String soon = openCase(office);
        String later = openCase(office);
        send(EventType.INTERACTION_DELIVERED, later,
                Map.of("dueAt", Instant.now().plus(30, ChronoUnit.DAYS).toString(),
                        "interactionId", UUID.randomUUID().toString()));
        send(EventType.INTERACTION_DELIVERED, soon,
                Map.of("dueAt", Instant.now().plus(1, ChronoUnit.DAYS).toString(),
                        "interactionId", UUID.randomUUID().toString()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(clerk("anna", office))
                .queryParam("officeId", office).queryParam("clerk", "anna")
                .when().get("/api/clerk-notifications")
                .then().body("items.kind", equalTo(List.of("DEADLINE_SOON")))
                .body("items[0].caseId", equalTo(soon)));
    }

    @Test
    void shouldTellTheReceivingOfficeOfATransferredCase() {
        String to = "abh-" + UUID.randomUUID().toString().substring(0, 8);
        String caseId = openCase("abh-berlin");
        kafka.sendCloudEvent(Topics.CASE_EVENTS, UUID.randomUUID().toString(), EventType.CASE_TRANSFERRED.type(),
                "/fallnetz/case-service", caseId,
                EventSamples.json(EventType.CASE_TRANSFERRED, caseId, Map.of("toOfficeId", to)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(clerk("anna", to))
                .queryParam("officeId", to).queryParam("clerk", "anna")
                .when().get("/api/clerk-notifications")
                .then().body("items.kind", equalTo(List.of("CASE_TRANSFERRED_IN"))));
    }

    @Test
    void shouldRefuseCallersWithoutATokenOrOfAnotherOffice() {
        String office = "abh-" + UUID.randomUUID().toString().substring(0, 8);
        given().queryParam("officeId", office).queryParam("clerk", "anna")
                .when().get("/api/clerk-notifications")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(clerk("anna", "abh-other")).queryParam("officeId", office).queryParam("clerk", "anna")
                .when().get("/api/clerk-notifications")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(clerk("anna", office)).queryParam("officeId", office).queryParam("clerk", "ben")
                .when().post("/api/clerk-notifications/read")
                .then().statusCode(403);
        given().auth().oauth2(PartnerTokens.shared().mint("ba-zav")).queryParam("officeId", office)
                .queryParam("clerk", "anna")
                .when().get("/api/clerk-notifications")
                .then().statusCode(403);
        // The live stream (notifications and case-changed signals) of another office is not opened either.
        given().queryParam("officeId", office).when().get("/api/clerk-notifications/stream")
                .then().statusCode(401);
        given().auth().oauth2(clerk("anna", "abh-other")).queryParam("officeId", office)
                .when().get("/api/clerk-notifications/stream")
                .then().statusCode(403);
    }

    /** The internal token the gateway forwards for a signed-in clerk of {@code office}. */
    private static String clerk(String user, String office) {
        return PartnerTokens.shared().mintUser(user, List.of("clerk"), office);
    }

    private static String openCase(String office) {
        String caseId = UUID.randomUUID().toString();
        kafka.sendCloudEvent(Topics.CASE_EVENTS, UUID.randomUUID().toString(), EventType.CASE_OPENED.type(),
                "/fallnetz/case-service", caseId, EventSamples.json(EventType.CASE_OPENED, caseId,
                        Map.of("officeId", office, "applicantEmail", "")));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(Clerks.of(office))
                .queryParam("caseId", caseId).when().get("/notifications").then().extract().path("size()").equals(1));
        return caseId;
    }

    private static void send(EventType type, String caseId, Map<String, String> fields) {
        kafka.sendCloudEvent(Topics.PARTNER_EVENTS, UUID.randomUUID().toString(), type.type(),
                "/fallnetz/ba-consent", caseId, EventSamples.json(type, caseId, fields));
    }
}
