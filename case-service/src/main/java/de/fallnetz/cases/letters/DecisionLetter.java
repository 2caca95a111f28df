package de.fallnetz.cases.letters;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a decision letter (Bescheid) says: the case, the decision and the applicant.
 *
 * @param caseId the case ID, printed as the file number (Aktenzeichen)
 * @param caseType the case type code, e.g. {@code BLUE_CARD}: picks a case-type specific template when there is one
 * @param caseTypeTitle the German title of the case type, e.g. {@code Blaue Karte EU}
 * @param outcome {@link #GRANTED} or {@link #REFUSED}
 * @param legalBasis the legal basis of the decision, e.g. {@code § 18g Abs. 1 AufenthG}
 * @param reasons the reasons (Begründung); required for a refusal, optional for a grant; blank lines separate
 *        paragraphs
 * @param conditions conditions and restrictions attached to a grant (Nebenbestimmungen); may be empty
 * @param officeId the deciding office, whose Land decides the legal remedy
 * @param officeName the deciding office's name, the letterhead
 * @param decidedBy the clerk who signs
 * @param decidedAt when it was decided: the letter's date (in German time)
 * @param fees the fees charged with the decision; may be empty
 */
public record DecisionLetter(String caseId, String caseType, String caseTypeTitle, String outcome, String legalBasis,
        String reasons, List<String> conditions, String officeId, String officeName, String applicantFamilyName,
        String applicantGivenNames, LocalDate applicantDateOfBirth, String applicantNationality, String decidedBy,
        Instant decidedAt, List<FeeItem> fees) {

    public static final String GRANTED = "GRANTED";
    public static final String REFUSED = "REFUSED";

    /** One fee line of the letter. */
    public record FeeItem(String label, BigDecimal amountEur) {
    }
}
