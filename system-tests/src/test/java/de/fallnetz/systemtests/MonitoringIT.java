package de.fallnetz.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.devstack.FallnetzService;
import de.fallnetz.devstack.PrometheusServer;

/**
 * A real Prometheus (Debian's package, fetched with apt-get download, not installed) scrapes the running services'
 * management ports with the alert rules of k8s/: every rule evaluates without error, and every dashboard panel whose
 * metrics the services themselves expose shows series.
 */
class MonitoringIT {

    /**
     * Panels and rules on metrics that come from elsewhere in a cluster (Strimzi's Kafka exporter, kube-state-metrics,
     * Prometheus's own up) or from events this test does not cause (decisions, deadlines running out, partner answers).
     */
    private static final List<String> NOT_FROM_A_FRESH_RUN = List.of("kafka_", "kube_", "fallnetz_cases_processing",
            "fallnetz_interactions_timers_fired", "fallnetz_interactions_response");

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningSystem system;
    private static PrometheusServer prometheus;
    private static String api;

    @BeforeAll
    static void startPrometheus() throws Exception {
        system = RunningSystem.get();
        Path root = Path.of(System.getProperty("fallnetz.root", "..")).toAbsolutePath().normalize();
        Map<String, String> targets = new LinkedHashMap<>();
        for (FallnetzService s : FallnetzService.values()) {
            targets.put(s.id(), system.managementUrl(s).replace("http://", ""));
        }
        Optional<PrometheusServer> started = PrometheusServer.start(Path.of("target/prometheus").toAbsolutePath(),
                targets, root.resolve("k8s/base/monitoring/prometheus-rules.yaml"));
        assumeTrue(started.isPresent(), "Debian's prometheus package could not be fetched (no apt-get)");
        prometheus = started.get();
        api = prometheus.api();
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void everyDashboardPanelOnTheServicesMetricsShowsSeries() throws IOException {
        system.openCase();
        await().atMost(Duration.ofMinutes(1)).until(() -> series("up == 1") == FallnetzService.values().length);

        Path root = Path.of(System.getProperty("fallnetz.root", "..")).toAbsolutePath().normalize();
        List<String> queries = new ArrayList<>();
        try (var files = Files.list(root.resolve("k8s/base/monitoring/dashboards"))) {
            for (Path f : files.toList()) {
                for (JsonNode panel : JSON.readTree(f.toFile()).get("panels")) {
                    panel.get("targets").forEach(t -> queries.add(t.get("expr").asText().replace("$service", ".*")));
                }
            }
        }
        List<String> checked = new ArrayList<>();
        for (String query : queries) {
            if (NOT_FROM_A_FRESH_RUN.stream().anyMatch(query::contains)) {
                continue;
            }
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).alias(query)
                    .until(() -> series(query) > 0);
            checked.add(query);
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void everyAlertRuleEvaluatesWithoutError() {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            List<Map<String, Object>> rules = given().baseUri(api).get("/api/v1/rules").then().statusCode(200)
                    .extract().path("data.groups.rules.flatten()");
            assertThat(rules).hasSizeGreaterThanOrEqualTo(11);
            assertThat(rules).allSatisfy(r -> assertThat(r).as(String.valueOf(r.get("name")))
                    .containsEntry("health", "ok"));
        });
    }

    private static int series(String query) {
        List<Object> result = given().baseUri(api).queryParam("query", query).get("/api/v1/query").then()
                .statusCode(200).extract().path("data.result");
        return result.size();
    }
}
