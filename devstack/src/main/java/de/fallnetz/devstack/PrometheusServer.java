package de.fallnetz.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A real Prometheus (Debian's package, fetched with apt-get download and unpacked, not installed) scraping the
 * services' management ports, with the alert rules of k8s/ when given: for the monitoring system test and for the
 * benchmark runs that render the dashboards.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, String api) {
        this.process = process;
        this.api = api;
    }

    /**
     * Starts Prometheus in {@code work} (its data and log there) scraping each target (job name → host:port, path
     * /q/metrics) every second, with the rules of a PrometheusRule resource if {@code prometheusRule} is given. Empty
     * when the package cannot be fetched here.
     */
    public static Optional<PrometheusServer> start(Path work, Map<String, String> targets, Path prometheusRule)
            throws IOException, InterruptedException {
        Optional<Path> binary = DebianPackages.file(work.resolve("debian-packages"), "prometheus",
                "usr/bin/prometheus");
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        Files.createDirectories(work);
        List<Map<String, Object>> jobs = new ArrayList<>();
        targets.forEach((job, target) -> {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("job_name", job);
            j.put("metrics_path", "/q/metrics");
            j.put("static_configs", List.of(Map.of("targets", List.of(target), "labels",
                    Map.of("namespace", "fallnetz"))));
            jobs.add(j);
        });
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("global", Map.of("scrape_interval", "1s", "evaluation_interval", "1s"));
        if (prometheusRule != null) {
            JsonNode rule = YAML.readTree(prometheusRule.toFile());
            YAML.writeValue(work.resolve("rules.yml").toFile(), rule.get("spec"));
            config.put("rule_files", List.of("rules.yml"));
        }
        config.put("scrape_configs", jobs);
        YAML.writeValue(work.resolve("prometheus.yml").toFile(), config);

        int port = DevStack.freePort();
        Process process = new ProcessBuilder(binary.get().toString(), "--config.file=prometheus.yml",
                "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(process, "http://127.0.0.1:" + port);
        Instant until = Instant.now().plus(Duration.ofMinutes(1));
        while (!server.ready()) {
            if (!process.isAlive() || Instant.now().isAfter(until)) {
                server.close();
                throw new IllegalStateException("Prometheus did not become ready; see " + work.resolve("prometheus.log"));
            }
            Thread.sleep(200);
        }
        return Optional.of(server);
    }

    /** Base URL of the HTTP API, e.g. {@code http://127.0.0.1:41234}. */
    public String api() {
        return api;
    }

    /** An instant query's result vector. */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        return get("/api/v1/query?query=" + encode(promql)).path("data").path("result");
    }

    /** A range query's result matrix, {@code step} apart. */
    public JsonNode queryRange(String promql, Instant from, Instant to, Duration step)
            throws IOException, InterruptedException {
        return get("/api/v1/query_range?query=" + encode(promql) + "&start=" + from.getEpochSecond() + "&end="
                + to.getEpochSecond() + "&step=" + Math.max(1, step.toSeconds())).path("data").path("result");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Prometheus answered " + response.statusCode() + " to " + path + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(api + "/-/ready")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
