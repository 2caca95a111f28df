package de.fallnetz.cases.jurisdiction;

import java.util.List;
import java.util.Optional;

/**
 * Which office is competent for a postal code and case type.
 *
 * @param postalCode the postal code asked about
 * @param caseType the case type asked about
 * @param office the competent office when it is clear; empty when the postal code spans several districts and no
 *        hint decided it
 * @param candidates every office that could be competent (one when {@code office} is set, except where a central
 *        office is optional: then the chosen default and the alternative, in that order); sorted by ID when the
 *        postal code spans several districts
 * @param districtKeys the district keys the postal code lies in
 * @param reason the routing in one line, e.g. {@code postal code 10115 → district 11000 → Landesamt für Einwanderung Berlin}
 */
public record RoutingResult(String postalCode, String caseType, Optional<Office> office, List<Office> candidates,
        List<String> districtKeys, String reason) {
}
