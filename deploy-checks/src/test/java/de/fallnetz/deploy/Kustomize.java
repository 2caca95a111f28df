package de.fallnetz.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders a Kustomize directory the way {@code kubectl kustomize} does, for the part of Kustomize that k8s/ uses:
 * resources (files and directories), labels without selectors, namespace, images, replicas, configMapGenerator with
 * files and no name hash, and patches (strategic merge, or JSON 6902 with a target). Anything else in a
 * kustomization.yaml fails, so that k8s/ cannot drift into what this renderer does not understand. Build machines have
 * no kubectl; where one is installed, {@link KustomizeTest} checks that both render the same objects.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "labels", "namespace",
            "images", "replicas", "patches", "configMapGenerator", "generatorOptions");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "ClusterIssuer");
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "ReplicaSet", "DaemonSet", "Job");

    private Kustomize() {
    }

    /** The objects the kustomization in {@code dir} produces. */
    static List<Map<String, Object>> build(Path dir) {
        Map<String, Object> k = Yaml.one(dir.resolve("kustomization.yaml"));
        for (String key : k.keySet()) {
            if (!SUPPORTED.contains(key)) {
                throw new IllegalArgumentException(dir + ": kustomization field '" + key + "' is not supported");
            }
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object r : Yaml.list(k.get("resources"))) {
            Path path = dir.resolve((String) r).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(build(path));
            } else {
                objects.addAll(Yaml.all(path));
            }
        }
        objects.addAll(generateConfigMaps(dir, k));
        for (Object p : Yaml.list(k.get("patches"))) {
            patch(dir, Yaml.map(p), objects);
        }
        for (Object l : Yaml.list(k.get("labels"))) {
            Map<String, Object> label = Yaml.map(l);
            if (Boolean.TRUE.equals(label.get("includeSelectors")) || Boolean.TRUE.equals(label.get("includeTemplates"))) {
                throw new IllegalArgumentException(dir + ": labels with selectors or templates are not supported");
            }
            for (Map<String, Object> o : objects) {
                Yaml.child(Yaml.child(o, "metadata"), "labels").putAll(Yaml.map(label.get("pairs")));
            }
        }
        if (k.get("namespace") != null) {
            for (Map<String, Object> o : objects) {
                if (!CLUSTER_SCOPED.contains(o.get("kind"))) {
                    Yaml.child(o, "metadata").put("namespace", k.get("namespace"));
                }
            }
        }
        for (Object i : Yaml.list(k.get("images"))) {
            setImage(Yaml.map(i), objects);
        }
        for (Object r : Yaml.list(k.get("replicas"))) {
            Map<String, Object> replicas = Yaml.map(r);
            for (Map<String, Object> o : objects) {
                if (WORKLOADS.contains(o.get("kind")) && replicas.get("name").equals(name(o))) {
                    Yaml.child(o, "spec").put("replicas", replicas.get("count"));
                }
            }
        }
        return objects;
    }

    static String name(Map<String, Object> o) {
        return (String) Yaml.map(o.get("metadata")).get("name");
    }

    private static List<Map<String, Object>> generateConfigMaps(Path dir, Map<String, Object> k) {
        Map<String, Object> options = Yaml.map(k.getOrDefault("generatorOptions", Map.of()));
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object g : Yaml.list(k.get("configMapGenerator"))) {
            if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
                throw new IllegalArgumentException(dir + ": configMapGenerator needs disableNameSuffixHash: true here");
            }
            Map<String, Object> generator = Yaml.map(g);
            Map<String, Object> data = new LinkedHashMap<>();
            for (Object f : Yaml.list(generator.get("files"))) {
                Path file = dir.resolve((String) f);
                data.put(file.getFileName().toString(), read(file));
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", generator.get("name"));
            if (options.get("labels") != null) {
                metadata.put("labels", new LinkedHashMap<>(Yaml.map(options.get("labels"))));
            }
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("apiVersion", "v1");
            map.put("kind", "ConfigMap");
            map.put("metadata", metadata);
            map.put("data", data);
            maps.add(map);
        }
        return maps;
    }

    private static void patch(Path dir, Map<String, Object> spec, List<Map<String, Object>> objects) {
        String text = spec.containsKey("path") ? read(dir.resolve((String) spec.get("path"))) : (String) spec.get("patch");
        Object patch = Yaml.parse(text);
        Map<String, Object> target = spec.get("target") == null ? null : Yaml.map(spec.get("target"));
        if (patch instanceof List) {
            Objects.requireNonNull(target, "a JSON 6902 patch needs a target");
            for (Map<String, Object> o : select(objects, target)) {
                JsonPatch.apply(o, Yaml.list(patch));
            }
            return;
        }
        Map<String, Object> merge = Yaml.map(patch);
        if (target == null) {
            target = Map.of("kind", merge.get("kind"), "name", name(merge));
        }
        List<Map<String, Object>> selected = select(objects, target);
        if (selected.isEmpty()) {
            throw new IllegalArgumentException(dir + ": patch " + target + " matches no object");
        }
        for (Map<String, Object> o : selected) {
            StrategicMerge.apply(o, merge);
        }
    }

    private static List<Map<String, Object>> select(List<Map<String, Object>> objects, Map<String, Object> target) {
        List<Map<String, Object>> selected = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            if ((target.get("kind") == null || target.get("kind").equals(o.get("kind")))
                    && (target.get("name") == null || name(o).matches((String) target.get("name")))) {
                selected.add(o);
            }
        }
        return selected;
    }

    private static void setImage(Map<String, Object> image, List<Map<String, Object>> objects) {
        for (Map<String, Object> o : objects) {
            Map<String, Object> spec = Yaml.map(o.get("spec"));
            if (!WORKLOADS.contains(o.get("kind")) || spec == null) {
                continue;
            }
            Map<String, Object> podSpec = Yaml.map(Yaml.map(spec.get("template")).get("spec"));
            for (String list : List.of("initContainers", "containers")) {
                for (Object c : Yaml.list(podSpec.get(list))) {
                    Map<String, Object> container = Yaml.map(c);
                    String current = (String) container.get("image");
                    int colon = current.lastIndexOf(':');
                    String name = colon > current.lastIndexOf('/') ? current.substring(0, colon) : current;
                    String tag = colon > current.lastIndexOf('/') ? current.substring(colon + 1) : null;
                    if (name.equals(image.get("name"))) {
                        String newName = (String) image.getOrDefault("newName", name);
                        String newTag = image.get("newTag") != null ? String.valueOf(image.get("newTag")) : tag;
                        container.put("image", newTag == null ? newName : newName + ":" + newTag);
                    }
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
