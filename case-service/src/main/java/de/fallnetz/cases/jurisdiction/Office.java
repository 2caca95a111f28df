package de.fallnetz.cases.jurisdiction;

import java.util.List;

/**
 * An immigration office (Ausländerbehörde) in the office register.
 *
 * @param id stable ID, e.g. {@code abh-berlin}
 * @param name e.g. {@code Landesamt für Einwanderung Berlin}
 * @param land ISO 3166-2 code of the Land, e.g. {@code DE-BE}
 * @param districtKeys the district keys (Kreis / kreisfreie Stadt, 5-digit AGS prefix) it covers; empty for a
 *        central office
 * @param centralFor the case type codes it takes over for its whole Land as a central office; empty for a local one
 * @param optionalCentral whether the central role is a choice (the employer may pick it or the local office)
 */
public record Office(String id, String name, String land, List<String> districtKeys, List<String> centralFor,
        boolean optionalCentral) {
}
