package de.fallnetz.interactions.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A partner's answer, after its kind's answer schema ({@link AnswerSchemas}) accepted it: the outcome, reasons and
 * free-text conditions every kind shares, and the kind's own fields (e.g. the restrictions of a BA consent, the
 * equivalence of a recognition, the reason code of security concerns) as {@code details}.
 */
public record AnswerRequest(String outcome, String reasons, List<String> conditions, Map<String, Object> details) {

    private static final Set<String> COMMON = Set.of("outcome", "reasons", "conditions");

    /** Reads an answer the schema of its kind accepted. */
    @SuppressWarnings("unchecked")
    static AnswerRequest of(JsonNode body, ObjectMapper mapper) {
        Map<String, Object> all = mapper.convertValue(body, Map.class);
        Map<String, Object> details = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (!COMMON.contains(k)) {
                details.put(k, v);
            }
        });
        List<String> conditions = all.get("conditions") == null ? List.of() : (List<String>) all.get("conditions");
        return new AnswerRequest((String) all.get("outcome"), (String) all.get("reasons"), conditions, details);
    }
}
