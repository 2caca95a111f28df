package de.fallnetz.notifications.status;

import java.util.List;
import java.util.Map;

/**
 * What the status page shows: the stage, what is missing and what happens next, in the applicant's language. Only
 * what the applicant already knows (their case number, case type and office); no name, no partner, no reasons.
 * {@code labels} are the page's headings in the same language (title, stage, missing, next, case-number, office).
 */
public record StatusResponse(String caseId, String caseType, String officeId, String status, String stage,
        List<String> missingDocuments, String nextStep, String language, String direction,
        Map<String, String> labels) {
}
