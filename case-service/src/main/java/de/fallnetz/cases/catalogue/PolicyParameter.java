package de.fallnetz.cases.catalogue;

/**
 * A policy figure of a case type version that partners or clerks apply but the application data do not carry,
 * e.g. the annual Western Balkans contingent.
 *
 * @param name e.g. {@code annualContingent}
 * @param value its value (number, text or boolean), after any configured override
 * @param legalBasis where it comes from
 * @param domainReference the section of shared/domain.md
 * @param note what it means; may be null
 */
public record PolicyParameter(String name, Object value, String legalBasis, String domainReference, String note) {
}
