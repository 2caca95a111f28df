package de.fallnetz.cases.catalogue;

/**
 * One item of the uniform checklist (Prüfschema) of a case type.
 *
 * @param id stable ID within the case type, e.g. {@code employment-contract}
 * @param title German title, as the applicant sees it when it is requested
 * @param titleEn English title
 * @param legalReason why it is required, e.g. {@code §18g Abs. 1 AufenthG: Arbeitsplatzangebot}
 */
public record ChecklistItem(String id, String title, String titleEn, String legalReason) {
}
