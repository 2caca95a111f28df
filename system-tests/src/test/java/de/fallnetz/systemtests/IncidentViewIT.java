package de.fallnetz.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.KafkaTestClient;
import de.fallnetz.devstack.SharedKeycloak;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The operators' incident view across the real processes: an event no consumer can read is parked by each service
 * that consumes its topic, the gateway shows it for every one of them (without its data), and an operator discards it
 * with a reason, which is audited.
 */
class IncidentViewIT {

    private final RunningSystem system = RunningSystem.get();
    private final String gateway = system.url(FallnetzService.GATEWAY);
    private final String operator = SharedKeycloak.tokens().user("otto.wagner");

    @Test
    void shouldShowAnUnreadableEventParkedInEachConsumerAndDiscardItWithAnAuditedReason() {
        String caseId = "C-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        // Its data names another case than its subject: every consumer of case events refuses it.
        try (KafkaTestClient kafka = new KafkaTestClient(system.stack().kafkaBootstrapServers())) {
            kafka.sendCloudEvent(EventType.CASE_OPENED.topic(), eventId, EventType.CASE_OPENED.type(),
                    "/fallnetz/system-tests", caseId, "{\"caseId\": \"C-someone-else\"}");
        }

        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .until(() -> parked(eventId).size() >= 2);
        List<Map<String, Object>> parked = parked(eventId);
        assertThat(parked).extracting(p -> p.get("service")).contains("partner-service", "notification-service");
        assertThat(parked).allSatisfy(p -> assertThat(p).containsEntry("caseId", caseId)
                .doesNotContainKeys("payload", "data", "headers"));

        Map<String, Object> one = parked.get(0);
        given().baseUri(gateway).auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("reason", "test event with a wrong subject"))
                .post("/api/ops/{service}/parked-events/{id}/discard", one.get("service"), one.get("id"))
                .then().statusCode(200);

        assertThat(parked(eventId)).extracting(p -> p.get("service")).doesNotContain(one.get("service"));
        assertThat(system.db(FallnetzService.GATEWAY).count("audit_log", "action = 'ops.discard'"))
                .isGreaterThanOrEqualTo(1);
    }

    /** The parked events of this event ID across all services, each with its service's name. */
    private List<Map<String, Object>> parked(String eventId) {
        JsonPath incidents = given().baseUri(gateway).auth().oauth2(operator).get("/api/ops/incidents").then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> services = incidents.getList("services");
        return services.stream().flatMap(s -> {
            List<Map<String, Object>> events = s.get("parkedEvents") == null ? List.of()
                    : castList(s.get("parkedEvents"));
            return events.stream().filter(e -> eventId.equals(e.get("eventId")))
                    .map(e -> {
                        Map<String, Object> withService = new java.util.LinkedHashMap<>(e);
                        withService.put("service", s.get("service"));
                        return withService;
                    });
        }).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castList(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
