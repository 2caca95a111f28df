package de.fallnetz.cases.catalogue;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A yearly salary threshold table (e.g. the EU Blue Card thresholds of §18g AufenthG): the salary in {@code field}
 * must reach the threshold of the band chosen in {@code bandField}, in the table of the application's year.
 *
 * @param field the salary field, e.g. {@code grossAnnualSalaryEur}
 * @param bandField the ENUM field naming the band, e.g. {@code salaryBand}
 * @param years one table per calendar year
 */
public record SalaryThresholds(String field, String bandField, List<Year> years) {

    /**
     * The thresholds of one calendar year.
     *
     * @param year the calendar year of the application
     * @param bands threshold per band, e.g. {@code GENERAL -> 48300.00}
     * @param legalBasis where the figures come from
     * @param domainReference the section of shared/domain.md
     */
    public record Year(int year, Map<String, BigDecimal> bands, String legalBasis, String domainReference) {
    }

    /** The table for {@code year}: that year's, or the newest one before it; empty before the first. */
    public Optional<Year> forYear(int year) {
        return years.stream().filter(y -> y.year() <= year).max(Comparator.comparingInt(Year::year));
    }
}
