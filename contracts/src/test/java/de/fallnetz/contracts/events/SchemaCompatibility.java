package de.fallnetz.contracts.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds the changes between a released schema and its successor that would break a consumer: one built against the
 * old schema reading new events, or one built against the new schema replaying old events from the log.
 */
final class SchemaCompatibility {

    static List<String> breakingChanges(JsonNode released, JsonNode candidate) {
        List<String> problems = new ArrayList<>();
        compareObject("", released, candidate, problems);
        return problems;
    }

    private static void compareObject(String path, JsonNode released, JsonNode candidate, List<String> problems) {
        JsonNode oldProps = released.path("properties");
        JsonNode newProps = candidate.path("properties");
        Set<String> oldRequired = names(released.path("required"));
        Set<String> newRequired = names(candidate.path("required"));

        for (Iterator<Map.Entry<String, JsonNode>> it = oldProps.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = path + field.getKey();
            JsonNode replacement = newProps.get(field.getKey());
            if (replacement == null) {
                problems.add(name + ": removed (consumers that read it would break)");
                continue;
            }
            String oldType = field.getValue().path("type").asText();
            String newType = replacement.path("type").asText();
            if (!oldType.equals(newType)) {
                problems.add(name + ": type changed from " + oldType + " to " + newType);
            }
            if (field.getValue().has("enum")) {
                Set<String> newValues = names(replacement.path("enum"));
                if (!names(field.getValue().path("enum")).containsAll(newValues)) {
                    problems.add(name + ": enum gained values that consumers do not know");
                }
            }
            if ("object".equals(oldType)) {
                compareObject(name + ".", field.getValue(), replacement, problems);
            }
        }
        for (String required : oldRequired) {
            if (!newRequired.contains(required)) {
                problems.add(path + required + ": no longer required (consumers rely on it being there)");
            }
        }
        for (String required : newRequired) {
            if (!oldRequired.contains(required)) {
                problems.add(path + required + ": newly required (events already in the log lack it)");
            }
        }
    }

    private static Set<String> names(JsonNode array) {
        Set<String> result = new HashSet<>();
        array.forEach(n -> result.add(n.asText()));
        return result;
    }

    private SchemaCompatibility() {
    }
}
