package de.fallnetz.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The repository these checks read (k8s/, docker-compose.yml, ./run) and its rendered overlays. */
final class Repo {

    static final Path ROOT = Path.of(System.getProperty("fallnetz.root", "..")).toAbsolutePath().normalize();
    static final List<String> OVERLAYS = List.of("dev", "prod");

    private static final Map<String, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

    private Repo() {
    }

    static Path overlay(String name) {
        return ROOT.resolve("k8s/overlays").resolve(name);
    }

    /** The objects of an overlay, rendered once per test run. Callers must not change them. */
    static List<Map<String, Object>> rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> Kustomize.build(overlay(o)));
    }

    static List<Map<String, Object>> ofKind(String overlay, String kind) {
        return rendered(overlay).stream().filter(o -> kind.equals(o.get("kind"))).collect(Collectors.toList());
    }

    static Map<String, Object> named(String overlay, String kind, String name) {
        return ofKind(overlay, kind).stream().filter(o -> name.equals(Kustomize.name(o))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + overlay));
    }
}
