package de.fallnetz.gateway.status;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** notification-service's answer for a status link: stage, what is missing and what comes next, localised. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatusView(String caseId, String caseType, String officeId, String status, String stage,
        List<String> missingDocuments, String nextStep, String language, String direction,
        Map<String, String> labels) {

    public String label(String key) {
        return labels == null ? key : labels.getOrDefault(key, key);
    }
}
