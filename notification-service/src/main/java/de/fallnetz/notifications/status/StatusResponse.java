package de.fallnetz.notifications.status;

import java.util.List;

/**
 * What the status page shows: the stage, what is missing and what happens next, in the applicant's language. Only
 * what the applicant already knows (their case number, case type and office); no name, no partner, no reasons.
 */
public record StatusResponse(String caseId, String caseType, String officeId, String status, String stage,
        List<String> missingDocuments, String nextStep, String language, String direction) {
}
