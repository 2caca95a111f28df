package de.fallnetz.platform.messaging.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.KafkaTestClient;
import de.fallnetz.devstack.PartnerTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The operators' incident view of one service, against the real Kafka and PostgreSQL: an event its consumer cannot
 * apply is listed without its data, a retry after the cause is fixed applies it exactly once, a discard keeps the
 * reason. The test application borrows office-transfer's database of the test stack (fresh in every test JVM).
 */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service",
        value = "office-transfer"))
class IncidentViewTest {

    private static final EventType TYPE = EventType.CASE_OPENED;
    private static final String SOURCE = "/fallnetz/case-service";

    private final TestCaseEvents consumer;

    IncidentViewTest(TestCaseEvents consumer) {
        this.consumer = consumer;
    }

    @Test
    void poisonEventIsListedWithoutItsDataAndAppliedExactlyOnceWhenRetriedAfterTheFix() {
        String caseId = "C-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        consumer.poisoned.add(caseId);
        KafkaTestClient.shared().sendCaseEvent(TYPE, eventId, SOURCE, caseId);

        Map<String, Object> parked = awaitParked(eventId);
        assertThat(parked).containsEntry("consumer", TestCaseEvents.CONSUMER).containsEntry("caseId", caseId)
                .containsEntry("type", TYPE.type()).containsEntry("source", SOURCE).containsEntry("attempts", 1)
                .containsEntry("status", "parked").containsEntry("topic", TYPE.topic());
        assertThat((String) parked.get("error")).contains("cannot use case");
        assertThat(parked).doesNotContainKeys("payload", "data", "headers");
        assertThat(consumer.applied).doesNotContainKey(eventId);

        consumer.poisoned.remove(caseId);
        long id = ((Number) parked.get("id")).longValue();
        given().auth().oauth2(operator()).post("/ops/v1/parked-events/{id}/retry", id)
                .then().statusCode(200).body("status", equalTo("retried")).body("resolvedBy", equalTo("otto.wagner"));
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.applied.containsKey(eventId));

        // A second retry (and so a second copy on the topic) finds the event in the inbox.
        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("ids", List.of(id, 999_999)))
                .post("/ops/v1/parked-events/retry")
                .then().statusCode(200).body("status", equalTo(List.of(200, 404)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> consumer.applied.get(eventId) == 1);
    }

    @Test
    void discardKeepsTheReasonAndWhoAndHidesTheEventUnlessAsked() {
        String caseId = "C-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        consumer.poisoned.add(caseId);
        KafkaTestClient.shared().sendCaseEvent(TYPE, eventId, SOURCE, caseId);
        long id = ((Number) awaitParked(eventId).get("id")).longValue();

        given().auth().oauth2(operator()).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .post("/ops/v1/parked-events/{id}/discard", id).then().statusCode(400);
        given().auth().oauth2(operator()).contentType(ContentType.JSON)
                .body(Map.of("reason", "test case, never to be applied"))
                .post("/ops/v1/parked-events/{id}/discard", id)
                .then().statusCode(200).body("status", equalTo("discarded"))
                .body("reason", equalTo("test case, never to be applied"))
                .body("resolvedBy", equalTo("otto.wagner"));

        assertThat(incidents(false).getList("parkedEvents.eventId")).doesNotContain(eventId);
        assertThat(incidents(true).getList("parkedEvents.eventId")).contains(eventId);
        given().auth().oauth2(operator()).post("/ops/v1/parked-events/{id}/retry", id).then().statusCode(409);
        assertThat(consumer.applied).doesNotContainKey(eventId);
    }

    @Test
    void consumerLagOfEveryIncomingChannelIsShown() {
        // Once the group has committed an offset, measured in the background.
        KafkaTestClient.shared().sendCaseEvent(TYPE, UUID.randomUUID().toString(), SOURCE, "C-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(operator())
                .get("/ops/v1/incidents").then().statusCode(200)
                .body("service", equalTo("messaging-test"))
                .body("consumerLag.channel", hasItem("test-case-events"))
                .body("consumerLag.topic", hasItem("case.events")));
    }

    @Test
    void onlyOperatorsSeeOrActOnIncidents() {
        String clerk = PartnerTokens.shared().mintUser("clara.clerk", List.of("clerk"), "abh-berlin");
        given().get("/ops/v1/incidents").then().statusCode(401);
        given().auth().oauth2(clerk).get("/ops/v1/incidents").then().statusCode(403);
        given().auth().oauth2(clerk).post("/ops/v1/parked-events/1/retry").then().statusCode(403);
        given().auth().oauth2(clerk).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post("/ops/v1/parked-events/1/discard").then().statusCode(403);
    }

    private Map<String, Object> awaitParked(String eventId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Map<String, Object>> events = incidents(false).getList("parkedEvents");
            return events.stream().filter(e -> eventId.equals(e.get("eventId"))).findFirst().orElse(null);
        }, e -> e != null);
    }

    private static JsonPath incidents(boolean withDiscarded) {
        return given().auth().oauth2(operator()).queryParam("withDiscarded", withDiscarded)
                .get("/ops/v1/incidents").then().statusCode(200).extract().jsonPath();
    }

    static String operator() {
        return PartnerTokens.shared().mintUser("otto.wagner", List.of("operator"), null);
    }
}
