package de.fallnetz.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The office decided the case. The decision letter is stored in case-service; its SHA-256 lets anyone holding the
 * PDF check that it is the one that was issued.
 *
 * @param caseId the case
 * @param caseType the case type code
 * @param officeId the deciding office
 * @param outcome {@code GRANTED} or {@code REFUSED}
 * @param legalBasis the legal basis of the decision
 * @param documentId the decision letter's document ID
 * @param documentSha256 hex SHA-256 of the decision letter's PDF
 * @param decidedAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseDecided(String caseId, String caseType, String officeId, String outcome, String legalBasis,
        String documentId, String documentSha256, Instant decidedAt) implements FallnetzEvent {
}
