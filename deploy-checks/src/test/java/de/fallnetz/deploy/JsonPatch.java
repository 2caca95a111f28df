package de.fallnetz.deploy;

import java.util.List;
import java.util.Map;

/** JSON Patch (RFC 6902) operations add, replace and remove, which the overlays use. */
final class JsonPatch {

    private JsonPatch() {
    }

    static void apply(Map<String, Object> target, List<Object> operations) {
        for (Object o : operations) {
            Map<String, Object> op = Yaml.map(o);
            String[] path = ((String) op.get("path")).substring(1).split("/");
            Object parent = target;
            for (int i = 0; i < path.length - 1; i++) {
                parent = step(parent, unescape(path[i]));
                if (parent == null) {
                    throw new IllegalArgumentException("no " + op.get("path") + " in " + Kustomize.name(target));
                }
            }
            String last = unescape(path[path.length - 1]);
            String kind = (String) op.get("op");
            if (parent instanceof List) {
                List<Object> list = Yaml.list(parent);
                if ("add".equals(kind)) {
                    list.add("-".equals(last) ? list.size() : Integer.parseInt(last), op.get("value"));
                } else if ("replace".equals(kind)) {
                    list.set(Integer.parseInt(last), op.get("value"));
                } else if ("remove".equals(kind)) {
                    list.remove(Integer.parseInt(last));
                } else {
                    throw new IllegalArgumentException("unsupported op " + kind);
                }
            } else {
                Map<String, Object> map = Yaml.map(parent);
                if ("add".equals(kind)) {
                    map.put(last, op.get("value"));
                } else if ("replace".equals(kind) && map.containsKey(last)) {
                    map.put(last, op.get("value"));
                } else if ("remove".equals(kind) && map.containsKey(last)) {
                    map.remove(last);
                } else {
                    throw new IllegalArgumentException("cannot " + kind + " " + op.get("path"));
                }
            }
        }
    }

    private static Object step(Object node, String key) {
        if (node instanceof List) {
            return Yaml.list(node).get(Integer.parseInt(key));
        }
        return node instanceof Map ? Yaml.map(node).get(key) : null;
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
