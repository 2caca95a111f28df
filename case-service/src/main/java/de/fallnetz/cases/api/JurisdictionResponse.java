package de.fallnetz.cases.api;

import java.util.List;

import de.fallnetz.cases.jurisdiction.Office;
import de.fallnetz.cases.jurisdiction.RoutingResult;

/**
 * The answer of {@code GET /jurisdiction}: the competent office, or the candidates when the postal code spans
 * several districts (or a central office is optional), with the reason.
 *
 * @param office the competent office; null when it is not clear
 */
public record JurisdictionResponse(String postalCode, String caseType, OfficeSummary office,
        List<OfficeSummary> candidates, List<String> districtKeys, String reason) {

    /** An office as a routing answer shows it. */
    public record OfficeSummary(String id, String name, String land) {

        static OfficeSummary of(Office office) {
            return new OfficeSummary(office.id(), office.name(), office.land());
        }
    }

    static JurisdictionResponse of(RoutingResult result) {
        return new JurisdictionResponse(result.postalCode(), result.caseType(),
                result.office().map(OfficeSummary::of).orElse(null),
                result.candidates().stream().map(OfficeSummary::of).toList(), result.districtKeys(),
                result.reason());
    }
}
