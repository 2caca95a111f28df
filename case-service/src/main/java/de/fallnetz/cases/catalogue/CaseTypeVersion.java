package de.fallnetz.cases.catalogue;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One version of a case type in the catalogue (data under {@code src/main/resources/catalogue/}): what a case of
 * this type needs, who opens it, which office is competent, which partners must take part, what it costs and what
 * the applicant is told. A published version never changes; a case keeps the version it was opened under.
 *
 * @param code the case type code, e.g. {@code BLUE_CARD}
 * @param version 1, 2, ... per code
 * @param status {@code DRAFT} or {@code PUBLISHED}
 * @param validFrom from which day cases opened get this version (published versions only)
 * @param title German title
 * @param titleEn English title
 * @param legalBasis the legal basis of the title, e.g. {@code §18g AufenthG}
 * @param domainReference the section of shared/domain.md the facts come from, e.g. {@code domain §2.1, §8 #1}
 * @param openedBy who may open it
 * @param competence which office is competent: the one for the residence or for the place of work
 * @param accelerated whether cases run in the accelerated skilled-worker procedure (§81a AufenthG)
 * @param fields the application data a case of this type needs, with their validation
 * @param checklist the uniform checklist (Prüfschema) the clerk ticks, each item with its legal reason
 * @param interactions the partner interactions, each with the condition under which it is needed
 * @param fees the fees
 * @param statusTexts applicant-facing text per case status and language ({@code status -> language -> text})
 * @param outcomeDocuments the documents a decision produces
 * @param grantLegalBasis the legal basis named in a grant
 * @param retention how long a closed case's personal data are kept before they are erased
 */
public record CaseTypeVersion(String code, int version, Status status, LocalDate validFrom, String title,
        String titleEn, String legalBasis, String domainReference, List<Opener> openedBy, Competence competence,
        boolean accelerated, List<FieldSpec> fields, List<ChecklistItem> checklist,
        List<InteractionRule> interactions, List<Fee> fees, Map<String, Map<String, String>> statusTexts,
        List<String> outcomeDocuments, String grantLegalBasis, Period retention) {

    public enum Status {
        DRAFT,
        PUBLISHED
    }

    /** Who may open a case of a type. */
    public enum Opener {
        APPLICANT,
        EMPLOYER,
        REPRESENTATIVE
    }

    /** Which postal code decides the competent office. */
    public enum Competence {
        /** The applicant's residence (§71(1) AufenthG). */
        RESIDENCE,
        /** The place of work (§81a AufenthG, §71(1) sentence 5). */
        PLACE_OF_WORK
    }

    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public Optional<ChecklistItem> checklistItem(String id) {
        return checklist.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** The status text for {@code status} in {@code language}, falling back to German; empty if there is none. */
    public Optional<String> statusText(String status, String language) {
        Map<String, String> texts = statusTexts.getOrDefault(status, Map.of());
        return Optional.ofNullable(texts.getOrDefault(language, texts.get("de")));
    }
}
