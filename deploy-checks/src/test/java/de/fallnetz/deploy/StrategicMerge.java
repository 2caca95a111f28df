package de.fallnetz.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The strategic merge patch as Kustomize applies it to the objects in k8s/: maps merge key by key, a null value
 * removes its key, and a list of named items (containers, env, volumes) merges item by item on {@code name}; any other
 * list is replaced, as Kustomize does for custom resources whose schema it does not know.
 */
final class StrategicMerge {

    private StrategicMerge() {
    }

    static void apply(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            if (e.getKey().startsWith("$patch")) {
                throw new IllegalArgumentException("patch directives are not supported: " + e.getKey());
            }
            Object current = target.get(e.getKey());
            Object value = e.getValue();
            if (value == null) {
                target.remove(e.getKey());
            } else if (value instanceof Map && current instanceof Map) {
                apply(Yaml.map(current), Yaml.map(value));
            } else if (value instanceof List && current instanceof List && named(Yaml.list(value))
                    && named(Yaml.list(current))) {
                mergeByName(Yaml.list(current), Yaml.list(value));
            } else {
                target.put(e.getKey(), value);
            }
        }
    }

    private static boolean named(List<Object> items) {
        return items.stream().allMatch(i -> i instanceof Map && Yaml.map(i).get("name") != null);
    }

    private static void mergeByName(List<Object> current, List<Object> patch) {
        List<Object> added = new ArrayList<>();
        for (Object p : patch) {
            Object name = Yaml.map(p).get("name");
            Object match = current.stream().filter(c -> name.equals(Yaml.map(c).get("name"))).findFirst().orElse(null);
            if (match == null) {
                added.add(p);
            } else {
                apply(Yaml.map(match), Yaml.map(p));
            }
        }
        current.addAll(added);
    }
}
