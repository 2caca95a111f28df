package de.fallnetz.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KustomizeTest {

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void overlayRendersEveryObjectOnceInItsNamespace(String overlay) {
        List<Map<String, Object>> objects = Repo.rendered(overlay);

        assertThat(objects).hasSizeGreaterThan(100);
        assertThat(objects).extracting(Kustomize::name).doesNotContainNull();
        assertThat(byId(objects)).hasSameSizeAs(objects);
        String namespace = "dev".equals(overlay) ? "fallnetz-dev" : "fallnetz";
        assertThat(objects).allSatisfy(o -> assertThat(Yaml.at(o, "metadata", "namespace")).isEqualTo(namespace));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void rendersWhatKubectlKustomizeRenders(String overlay) throws Exception {
        assumeTrue(Tools.onPath("kubectl"), "kubectl is not installed: only the built-in renderer ran");
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", Repo.overlay(overlay).toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(kubectl.exitValue()).isZero();

        Map<String, Map<String, Object>> expected = byId(Yaml.all(output, "kubectl kustomize"));
        Map<String, Map<String, Object>> actual = byId(Repo.rendered(overlay));
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String id : expected.keySet()) {
            assertThat(actual.get(id)).as(id).isEqualTo(expected.get(id));
        }
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> objects) {
        Map<String, Map<String, Object>> byId = new TreeMap<>();
        for (Map<String, Object> o : objects) {
            byId.put(o.get("kind") + "/" + Yaml.at(o, "metadata", "namespace") + "/" + Kustomize.name(o), o);
        }
        return byId;
    }

}
