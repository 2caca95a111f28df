package de.fallnetz.cases.letters;

import java.util.List;

import io.quarkus.qute.TemplateData;

/**
 * What a letter template shows, already cleaned and formatted: every text free of characters XML cannot carry,
 * dates and amounts in German notation. The templates escape it (Qute escapes {@code .html} templates).
 *
 * @param documentTitle the PDF's title, e.g. {@code Bescheid Blaue Karte EU – Aktenzeichen …}
 * @param reasons the paragraphs of the reasons
 * @param legalRemedy the instruction on legal remedies; null for a grant
 */
@TemplateData
public record LetterView(String documentTitle, String caseId, String caseTypeTitle, String outcome,
        String legalBasis, List<String> reasons, List<String> conditions, String officeName, String applicantName,
        String applicantDateOfBirth, String applicantNationality, String decidedBy, String date, List<FeeLine> fees,
        String feeTotal, String legalRemedy) {

    /** A fee with its amount formatted, e.g. {@code 100,00 €}. */
    @TemplateData
    public record FeeLine(String label, String amount) {
    }
}
