package de.fallnetz.contracts.cases;

import java.time.Instant;

/** A case as the case service returns it. */
public record CaseResponse(String caseId, String caseType, String officeId, String status, Instant openedAt,
        ApplicantData applicant) {
}
