package de.fallnetz.cases.catalogue;

import java.util.List;
import java.util.Optional;

/**
 * A case type version as loaded, with the parts of its file that are not in {@link CaseTypeVersion}.
 *
 * @param version the version
 * @param file the resource it was read from, e.g. {@code catalogue/BLUE_CARD/v1.yaml}
 * @param salaryThresholds the yearly salary thresholds; null when the type has none
 * @param parameters policy figures (e.g. a contingent); empty when there are none
 * @param changeNote what this version changes against the one before; may be null
 */
public record CatalogueEntry(CaseTypeVersion version, String file, SalaryThresholds salaryThresholds,
        List<PolicyParameter> parameters, String changeNote) {

    public Optional<SalaryThresholds> thresholds() {
        return Optional.ofNullable(salaryThresholds);
    }

    public Optional<PolicyParameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
