package de.fallnetz.systemtests;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.CREATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.devstack.DatabaseTestClient;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.Fixtures;
import io.restassured.http.ContentType;

/**
 * One case is one trace across real processes: the trace a client starts at the gateway reaches case-service over
 * HTTP, is stored with the outbox row of case.opened, crosses Kafka as the CloudEvents traceparent, is recorded by
 * each consumer's inbox, and goes on in the events those consumers publish in turn.
 */
class TracingIT {

    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
    }

    @Test
    void aCaseFromTheGatewayThroughCaseServiceKafkaAndItsConsumersIsOneTrace() {
        String traceId = hex(16);
        String caseId = given().baseUri(system.url(FallnetzService.GATEWAY))
                .header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .contentType(ContentType.JSON).body(Fixtures.openCaseJson())
                .when().post("/api/cases")
                .then().statusCode(CREATED.getStatusCode()).extract().path("caseId");

        DatabaseTestClient cases = system.db(FallnetzService.CASE_SERVICE);
        List<String> opened = cases.queryStrings("select event_id::text || ' ' || coalesce(traceparent, '-')"
                + " from outbox_event where subject = '" + caseId + "' and event_type = '"
                + EventType.CASE_OPENED.type() + "'");
        assertThat(opened).hasSize(1);
        String eventId = opened.get(0).split(" ")[0];
        assertThat(opened.get(0).split(" ")[1]).startsWith("00-" + traceId + "-");

        for (FallnetzService consumer : List.of(FallnetzService.PARTNER_SERVICE,
                FallnetzService.NOTIFICATION_SERVICE)) {
            DatabaseTestClient db = system.db(consumer);
            List<String> received = await().atMost(Duration.ofSeconds(30)).until(() -> db.queryStrings(
                    "select coalesce(traceparent, '-') from processed_event where event_id = '" + eventId + "'"),
                    rows -> !rows.isEmpty());
            assertThat(received).as(consumer + " received case.opened in the trace").allSatisfy(
                    t -> assertThat(t).startsWith("00-" + traceId + "-"));
        }
        List<String> registered = await().atMost(Duration.ofSeconds(30)).until(() -> system
                .db(FallnetzService.PARTNER_SERVICE).queryStrings("select coalesce(traceparent, '-') from outbox_event"
                        + " where subject = '" + caseId + "'"),
                rows -> !rows.isEmpty());
        assertThat(registered).as("what partner-service published in turn").allSatisfy(
                t -> assertThat(t).startsWith("00-" + traceId + "-"));
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
