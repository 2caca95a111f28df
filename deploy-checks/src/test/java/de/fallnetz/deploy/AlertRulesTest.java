package de.fallnetz.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alerts and dashboards: promtool (from Debian's prometheus package) checks the rules and runs their unit tests,
 * every dashboard query is valid PromQL, and every Fallnetz metric they name is one the code registers.
 */
class AlertRulesTest {

    private static final Path WORK = Path.of("target/promtool").toAbsolutePath();
    private static final Pattern FALLNETZ_METRIC = Pattern.compile("\\bfallnetz_[a-z0-9_]+");

    private static Map<String, Object> rule;
    private static List<Map<String, Object>> dashboards;

    @BeforeAll
    static void extractRulesAndQueries() throws IOException {
        rule = Repo.named("prod", "PrometheusRule", "fallnetz");
        dashboards = new ArrayList<>();
        for (Map<String, Object> map : Repo.ofKind("prod", "ConfigMap")) {
            if ("1".equals(Yaml.at(map, "metadata", "labels", "grafana_dashboard"))) {
                for (Object json : Yaml.map(map.get("data")).values()) {
                    dashboards.add(Yaml.map(Yaml.JSON.readValue((String) json, Object.class)));
                }
            }
        }
        Files.createDirectories(WORK);
        Yaml.MAPPER.writeValue(WORK.resolve("fallnetz-rules.yml").toFile(), Yaml.map(rule.get("spec")));
        try (InputStream in = AlertRulesTest.class.getResourceAsStream("/promtool/fallnetz-rules-test.yml")) {
            Files.copy(in, WORK.resolve("fallnetz-rules-test.yml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        // Each panel query as a recording rule, so that promtool parses it ($service: any service).
        List<Map<String, Object>> records = new ArrayList<>();
        for (String query : panelQueries()) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("record", "panel:query:" + records.size());
            record.put("expr", query.replace("$service", ".*"));
            records.add(record);
        }
        Yaml.MAPPER.writeValue(WORK.resolve("dashboard-queries.yml").toFile(),
                Map.of("groups", List.of(Map.of("name", "dashboards", "rules", records))));
    }

    @Test
    void promtoolAcceptsTheRulesAndEveryDashboardQuery() throws Exception {
        Path promtool = promtool();
        assertThat(Tools.run(WORK, promtool.toString(), "check", "rules", "fallnetz-rules.yml")).isTrue();
        assertThat(Tools.run(WORK, promtool.toString(), "check", "rules", "dashboard-queries.yml")).isTrue();
    }

    @Test
    void everyAlertFiresOnSeriesShapedLikeTheServicesMetrics() throws Exception {
        Path promtool = promtool();
        Map<String, Object> tests = Yaml.one(WORK.resolve("fallnetz-rules-test.yml"));
        Set<String> tested = Yaml.list(tests.get("tests")).stream()
                .flatMap(t -> Yaml.list(Yaml.map(t).get("alert_rule_test")).stream())
                .map(a -> (String) Yaml.map(a).get("alertname")).collect(Collectors.toCollection(TreeSet::new));

        assertThat(tested).as("every alert has its promtool test").isEqualTo(alerts().keySet());
        assertThat(Tools.run(WORK, promtool.toString(), "test", "rules", "fallnetz-rules-test.yml")).isTrue();
    }

    @Test
    void everyAlertHasASeverityAndARunbookSection() {
        String operations = Yaml.read(Repo.ROOT.resolve("docs/operations.md"));
        alerts().forEach((name, alert) -> {
            assertThat(Yaml.at(alert, "labels", "severity")).as(name).isIn("warning", "critical");
            String runbook = (String) Yaml.at(alert, "annotations", "runbook");
            assertThat(runbook).as(name).startsWith("docs/operations.md#");
            assertThat(operations).as(name).contains("<a id=\"" + runbook.substring(runbook.indexOf('#') + 1) + "\">");
        });
    }

    @Test
    void everyFallnetzMetricInAlertsAndDashboardsIsOneTheCodeRegisters() throws IOException {
        String code = mainSources();
        Set<String> metrics = new TreeSet<>();
        List<String> expressions = new ArrayList<>(panelQueries());
        alerts().values().forEach(a -> expressions.add(String.valueOf(a.get("expr"))));
        for (String expression : expressions) {
            Matcher m = FALLNETZ_METRIC.matcher(expression);
            while (m.find()) {
                metrics.add(m.group());
            }
        }
        assertThat(metrics).hasSizeGreaterThan(5);
        for (String metric : metrics) {
            // Micrometer's Prometheus names: dots become underscores, plus the base unit and _total/_bucket/_count/_sum.
            String name = metric.replaceAll("_(total|bucket|count|sum|max)$", "").replaceAll("_seconds$", "");
            assertThat(code).as(metric).contains("\"" + name.replace('_', '.') + "\"");
        }
    }

    @Test
    void everyDashboardPanelHasAQuery() {
        assertThat(dashboards).extracting(d -> d.get("uid")).containsExactlyInAnyOrder("fallnetz-services",
                "fallnetz-business");
        for (Map<String, Object> d : dashboards) {
            assertThat(Yaml.list(d.get("panels"))).as((String) d.get("uid")).isNotEmpty()
                    .allSatisfy(p -> assertThat(Yaml.list(Yaml.map(p).get("targets"))).isNotEmpty());
        }
    }

    private static Path promtool() {
        Optional<Path> promtool = Tools.fromDebianPackage("prometheus", "usr/bin/promtool");
        assumeTrue(promtool.isPresent(), "Debian's prometheus package could not be fetched (no apt-get)");
        return promtool.get();
    }

    private static Map<String, Map<String, Object>> alerts() {
        Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
        for (Object group : Yaml.list(Yaml.at(rule, "spec", "groups"))) {
            for (Object r : Yaml.list(Yaml.map(group).get("rules"))) {
                alerts.put((String) Yaml.map(r).get("alert"), Yaml.map(r));
            }
        }
        return alerts;
    }

    static List<String> panelQueries() {
        List<String> queries = new ArrayList<>();
        for (Map<String, Object> d : dashboards) {
            for (Object panel : Yaml.list(d.get("panels"))) {
                for (Object target : Yaml.list(Yaml.map(panel).get("targets"))) {
                    queries.add((String) Yaml.map(target).get("expr"));
                }
            }
        }
        return queries;
    }

    private static String mainSources() throws IOException {
        StringBuilder all = new StringBuilder();
        Files.walkFileTree(Repo.ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName().toString();
                return name.equals("target") || name.startsWith(".") && !dir.equals(Repo.ROOT)
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (file.toString().endsWith(".java") && file.toString().contains("/src/main/")) {
                    all.append(Files.readString(file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return all.toString();
    }
}
