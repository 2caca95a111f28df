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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import de.fallnetz.devstack.DevStack;
import de.fallnetz.devstack.FallnetzService;

/**
 * A real Prometheus (Debian's package, fetched with apt-get download, not installed) scrapes the running services'
 * management ports with the alert rules of k8s/: every rule evaluates without error, and every dashboard panel whose
 * metrics the services themselves expose shows series.
 */
class MonitoringIT {

    /**
     * Panels and rules on metrics that come from elsewhere in a cluster (Strimzi's Kafka exporter, kube-state-metrics,
     * Prometheus's own up) or from events this test does not cause (decisions, deadlines running out).
     */
    private static final List<String> NOT_FROM_A_FRESH_RUN = List.of("kafka_", "kube_", "fallnetz_cases_processing",
            "fallnetz_interactions_timers_fired");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningSystem system;
    private static Process prometheus;
    private static String api;

    @BeforeAll
    static void startPrometheus() throws Exception {
        Optional<Path> binary = DebianPackages.file("prometheus", "usr/bin/prometheus");
        assumeTrue(binary.isPresent(), "Debian's prometheus package could not be fetched (no apt-get)");
        system = RunningSystem.get();
        Path work = Files.createDirectories(Path.of("target/prometheus").toAbsolutePath());
        Path root = Path.of(System.getProperty("fallnetz.root", "..")).toAbsolutePath().normalize();

        JsonNode rule = YAML.readTree(root.resolve("k8s/base/monitoring/prometheus-rules.yaml").toFile());
        YAML.writeValue(work.resolve("rules.yml").toFile(), rule.get("spec"));
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (FallnetzService s : FallnetzService.values()) {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("job_name", s.id());
            job.put("metrics_path", "/q/metrics");
            job.put("static_configs", List.of(Map.of("targets",
                    List.of(system.managementUrl(s).replace("http://", "")), "labels", Map.of("namespace", "fallnetz"))));
            jobs.add(job);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("global", Map.of("scrape_interval", "1s", "evaluation_interval", "1s"));
        config.put("rule_files", List.of("rules.yml"));
        config.put("scrape_configs", jobs);
        YAML.writeValue(work.resolve("prometheus.yml").toFile(), config);

        int port = DevStack.freePort();
        api = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder(binary.get().toString(), "--config.file=prometheus.yml",
                "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("prometheus.log").toFile()).start();
        await().atMost(Duration.ofMinutes(1)).ignoreExceptions()
                .until(() -> given().baseUri(api).get("/-/ready").statusCode() == 200);
    }

    @AfterAll
    static void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(20, TimeUnit.SECONDS);
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
