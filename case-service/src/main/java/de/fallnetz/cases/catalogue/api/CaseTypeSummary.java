package de.fallnetz.cases.catalogue.api;

import java.time.LocalDate;
import java.util.List;

import de.fallnetz.cases.catalogue.CaseTypeVersion;

/**
 * A case type in the list of {@code GET /case-types}.
 *
 * @param code e.g. {@code BLUE_CARD}
 * @param title German title (of the newest version)
 * @param titleEn English title
 * @param currentVersion the version a case opened today gets; null when none is valid yet
 * @param versions every version, oldest first, drafts included
 */
public record CaseTypeSummary(String code, String title, String titleEn, Integer currentVersion,
        List<VersionSummary> versions) {

    /**
     * @param version the number
     * @param status {@code DRAFT} or {@code PUBLISHED}
     * @param validFrom from which day cases get it; null for a draft without a date
     * @param changeNote what it changes against the version before; null for the first
     */
    public record VersionSummary(int version, CaseTypeVersion.Status status, LocalDate validFrom, String changeNote) {
    }
}
