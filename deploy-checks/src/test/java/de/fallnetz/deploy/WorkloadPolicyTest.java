package de.fallnetz.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import de.fallnetz.devstack.FallnetzService;

/** The rules every Fallnetz workload in k8s/ follows (issue #9), checked on both rendered overlays. */
class WorkloadPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyServiceHasItsDeploymentServicePdbAndMonitor(String overlay) {
        for (FallnetzService s : FallnetzService.values()) {
            Map<String, Object> deployment = Repo.named(overlay, "Deployment", s.id());
            Map<String, Object> service = Repo.named(overlay, "Service", s.id());
            Repo.named(overlay, "ServiceMonitor", s.id());

            assertThat(Yaml.list(Yaml.at(service, "spec", "ports")))
                    .anySatisfy(p -> assertThat(Yaml.map(p)).containsEntry("name", "http")
                            .containsEntry("port", s.defaultPort()));
            assertThat(containers(deployment)).singleElement().satisfies(c -> assertThat(Yaml.list(c.get("ports")))
                    .anySatisfy(p -> assertThat(Yaml.map(p)).containsEntry("containerPort", s.defaultPort())));
        }
        assertThat(Repo.ofKind(overlay, "Deployment")).hasSize(FallnetzService.values().length);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyContainerIsProbedLimitedAndUnprivileged(String overlay) {
        for (Map<String, Object> d : Repo.ofKind(overlay, "Deployment")) {
            Map<String, Object> pod = Yaml.map(Yaml.at(d, "spec", "template", "spec"));
            assertThat(Yaml.at(pod, "securityContext", "runAsNonRoot")).as(Kustomize.name(d)).isEqualTo(true);
            assertThat(Yaml.at(pod, "automountServiceAccountToken")).as(Kustomize.name(d)).isEqualTo(false);
            for (Map<String, Object> c : containers(d)) {
                String name = Kustomize.name(d) + "/" + c.get("name");
                assertThat(Yaml.at(c, "startupProbe", "httpGet", "path")).as(name).isEqualTo("/q/health/started");
                assertThat(Yaml.at(c, "livenessProbe", "httpGet", "path")).as(name).isEqualTo("/q/health/live");
                assertThat(Yaml.at(c, "readinessProbe", "httpGet", "path")).as(name).isEqualTo("/q/health/ready");
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    assertThat(Yaml.at(c, probe, "httpGet", "port")).as(name + " " + probe).isEqualTo("management");
                }
                assertThat(Yaml.map(Yaml.at(c, "resources", "limits"))).as(name).containsKeys("cpu", "memory");
                assertThat(Yaml.map(Yaml.at(c, "resources", "requests"))).as(name).containsKeys("cpu", "memory");
                Map<String, Object> security = Yaml.map(c.get("securityContext"));
                assertThat(security).as(name).containsEntry("allowPrivilegeEscalation", false)
                        .containsEntry("readOnlyRootFilesystem", true).containsEntry("runAsNonRoot", true);
                assertThat(Yaml.list(Yaml.at(security, "capabilities", "drop"))).as(name).containsExactly("ALL");
                assertThat(Yaml.list(c.get("volumeMounts"))).as(name + ": a writable /tmp")
                        .anySatisfy(m -> assertThat(Yaml.map(m)).containsEntry("mountPath", "/tmp"));
                for (Object e : Yaml.list(c.get("env"))) {
                    if (String.valueOf(Yaml.map(e).get("name")).contains("PASSWORD")) {
                        assertThat(Yaml.map(e)).as(name + ": no secret values in the repository")
                                .doesNotContainKey("value");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyDeploymentHasADisruptionBudgetAndAnAutoscaler(String overlay) {
        List<Map<String, Object>> budgets = Repo.ofKind(overlay, "PodDisruptionBudget");
        List<String> scaled = Repo.ofKind(overlay, "HorizontalPodAutoscaler").stream()
                .map(h -> (String) Yaml.at(h, "spec", "scaleTargetRef", "name")).collect(Collectors.toList());
        Repo.ofKind(overlay, "ScaledObject").forEach(s -> scaled.add((String) Yaml.at(s, "spec", "scaleTargetRef", "name")));
        for (Map<String, Object> d : Repo.ofKind(overlay, "Deployment")) {
            Map<String, Object> labels = Yaml.map(Yaml.at(d, "spec", "template", "metadata", "labels"));
            assertThat(budgets).as(Kustomize.name(d)).anySatisfy(b -> assertThat(labels)
                    .containsAllEntriesOf(Yaml.map(Yaml.at(b, "spec", "selector", "matchLabels"))));
            assertThat(scaled).as(Kustomize.name(d) + " is scaled by exactly one autoscaler")
                    .containsOnlyOnce(Kustomize.name(d));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void eventConsumersScaleOnConsumerLag(String overlay) {
        for (FallnetzService s : FallnetzService.values()) {
            List<String> consumed = s.consumes();
            if (consumed.isEmpty()) {
                continue;
            }
            Map<String, Object> scaledObject = Repo.named(overlay, "ScaledObject", s.id());
            List<Map<String, Object>> lag = Yaml.list(Yaml.at(scaledObject, "spec", "triggers")).stream()
                    .map(Yaml::map).filter(t -> "kafka".equals(t.get("type"))).collect(Collectors.toList());
            assertThat(lag).extracting(t -> Yaml.at(t, "metadata", "topic"))
                    .containsExactlyInAnyOrderElementsOf(consumed);
            assertThat(lag).allSatisfy(t -> assertThat(Yaml.at(t, "metadata", "consumerGroup")).isEqualTo(s.id()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void onlyTheGatewayTakesTrafficFromOutsideAndNeverOnTheManagementPort(String overlay) {
        assertThat(Repo.named(overlay, "NetworkPolicy", "default-deny"))
                .satisfies(p -> assertThat(Yaml.at(p, "spec", "podSelector")).isEqualTo(Map.of()))
                .satisfies(p -> assertThat(Yaml.list(Yaml.at(p, "spec", "policyTypes"))).contains("Ingress",
                        "Egress"));
        for (Map<String, Object> ingress : Repo.ofKind(overlay, "Ingress")) {
            assertThat(Yaml.list(Yaml.at(ingress, "spec", "tls"))).isNotEmpty();
            for (Object rule : Yaml.list(Yaml.at(ingress, "spec", "rules"))) {
                for (Object path : Yaml.list(Yaml.at(rule, "http", "paths"))) {
                    assertThat(Yaml.at(path, "backend", "service", "name")).isEqualTo("gateway");
                    assertThat(Yaml.at(path, "backend", "service", "port", "name")).isEqualTo("http");
                }
            }
        }
        for (FallnetzService s : FallnetzService.values()) {
            Map<String, Object> policy = Repo.named(overlay, "NetworkPolicy", s.id());
            for (Object rule : Yaml.list(Yaml.at(policy, "spec", "ingress"))) {
                for (Object from : Yaml.list(Yaml.map(rule).get("from"))) {
                    Object namespace = Yaml.at(from, "namespaceSelector", "matchLabels",
                            "kubernetes.io/metadata.name");
                    if ("monitoring".equals(namespace)) {
                        assertThat(Yaml.list(Yaml.map(rule).get("ports"))).containsExactly(Map.of("port", "management"));
                    } else if (namespace != null) {
                        assertThat(s).as("only the gateway is reached from another namespace")
                                .isEqualTo(FallnetzService.GATEWAY);
                        assertThat(Yaml.list(Yaml.map(rule).get("ports"))).containsExactly(Map.of("port", "http"));
                    } else {
                        assertThat(Yaml.at(from, "podSelector", "matchLabels", "app.kubernetes.io/name"))
                                .as(s.id() + " is called by the gateway only").isEqualTo("gateway");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void prometheusScrapesTheManagementPort(String overlay) {
        for (Map<String, Object> monitor : Repo.ofKind(overlay, "ServiceMonitor")) {
            assertThat(Yaml.list(Yaml.at(monitor, "spec", "endpoints"))).as(Kustomize.name(monitor))
                    .singleElement().satisfies(e -> assertThat(Yaml.map(e)).containsEntry("port", "management")
                            .containsEntry("path", "/q/metrics"));
        }
    }

    @Test
    void everyServiceServesHealthAndMetricsOnlyOnItsManagementPort() throws IOException {
        Properties defaults = new Properties();
        try (Reader reader = Files.newBufferedReader(Repo.ROOT.resolve(
                "platform-rest/src/main/resources/META-INF/microprofile-config.properties"))) {
            defaults.load(reader);
        }
        assertThat(defaults.getProperty("quarkus.management.enabled")).isEqualTo("true");
        for (FallnetzService s : FallnetzService.values()) {
            assertThat(Yaml.read(Repo.ROOT.resolve(s.modulePath()).resolve("src/main/resources/application.properties")))
                    .as(s.id()).doesNotContain("quarkus.management.enabled");
        }
    }

    static List<Map<String, Object>> containers(Map<String, Object> deployment) {
        return Yaml.list(Yaml.at(deployment, "spec", "template", "spec", "containers")).stream().map(Yaml::map)
                .collect(Collectors.toList());
    }
}
