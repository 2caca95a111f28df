package de.fallnetz.partners.api;

import java.time.Instant;

/** A case as the partner service knows it. */
public record PartnerCaseResponse(String caseId, String caseType, String officeId, Instant registeredAt) {
}
