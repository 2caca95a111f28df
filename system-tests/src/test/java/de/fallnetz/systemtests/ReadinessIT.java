package de.fallnetz.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import de.fallnetz.devstack.DevStack;
import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.ServiceMetrics;
import de.fallnetz.devstack.ServiceProcess;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;

/** Readiness says whether a service can do its work: it checks the database and, where used, Kafka for real. */
class ReadinessIT {

    private static final String DATABASE = "Database connections health check";
    private static final String MESSAGING = "SmallRye Reactive Messaging - readiness check";

    private static final RestAssuredConfig PROBE = RestAssuredConfig.config().httpClient(HttpClientConfig
            .httpClientConfig().setParam("http.socket.timeout", 10_000).setParam("http.connection.timeout", 10_000));

    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "case-service", "partner-service", "notification-service" })
    void shouldCheckTheDatabaseAndEveryKafkaChannelBeforeReportingAnEventDrivenServiceReady(String name) {
        FallnetzService service = FallnetzService.byId(name);
        given().baseUri(system.managementUrl(service))
                .when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(DATABASE, MESSAGING));
    }

    @Test
    void shouldCheckTheDatabaseBeforeReportingTheGatewayReady() {
        given().baseUri(system.managementUrl(FallnetzService.GATEWAY))
                .when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.name", hasItems(DATABASE));
    }

    @Test
    void shouldStayAliveButNotReadyAndLeaveTheRelayToTheHealthyInstanceWhileKafkaCannotBeReached() {
        // Its relay is on: it shares the database, and so the relay lock, with the running partner-service.
        try (ServiceProcess cut = system.startAnother(FallnetzService.PARTNER_SERVICE, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + DevStack.freePort()))) {
            String url = cut.managementUrl();
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() -> given().baseUri(url)
                    .when().get("/q/health/live")
                    .then().statusCode(200));

            // Asked the way Kubernetes asks, with a 10 s probe timeout: an answer that never comes counts as none.
            await().atMost(Duration.ofMinutes(1)).ignoreExceptions().untilAsserted(() -> given().baseUri(url)
                    .config(PROBE)
                    .when().get("/q/health/ready")
                    .then().statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.findAll { it.name == '" + MESSAGING + "' }.status", equalTo(List.of("DOWN")))
                    .body("checks.findAll { it.name == '" + DATABASE + "' }.status", equalTo(List.of("UP"))));

            // Its relay runs but leaves the lock alone, so the healthy instance relays every case meanwhile.
            await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> ServiceMetrics.value(url,
                    "fallnetz_outbox_relay_skipped_total", Map.of()) > 0);
            List<String> caseIds = List.of(system.openCase(), system.openCase(), system.openCase());
            String ids = String.join("','", caseIds);
            await().atMost(Duration.ofMinutes(1)).until(() -> system.db(FallnetzService.PARTNER_SERVICE)
                    .count("outbox_event", "subject in ('" + ids + "') and published_at is not null") == 3);
            assertThat(ServiceMetrics.value(url, "fallnetz_outbox_relay_failures_total", Map.of())).isZero();
        }
    }
}
