package de.fallnetz.cases.letters;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** TEMPORARY stand-in until the renderer branch lands: the data of a decision letter. */
public record DecisionLetter(String caseId, String caseType, String caseTypeTitle, String outcome, String legalBasis,
        String reasons, List<String> conditions, String officeId, String officeName, String applicantFamilyName,
        String applicantGivenNames, LocalDate applicantDateOfBirth, String applicantNationality, String decidedBy,
        Instant decidedAt, List<FeeLine> fees) {

    public record FeeLine(String label, BigDecimal amountEur) {
    }
}
