package de.fallnetz.cases.catalogue;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * When an interaction is needed, as data. Exactly one of the forms is set:
 * <ul>
 * <li>{@code always: true}</li>
 * <li>{@code field} with {@code equals} or {@code in}: an application field's value (e.g. {@code salaryBand} equals
 * {@code REDUCED})</li>
 * <li>{@code nationalityIn}: the name of a configurable list of nationalities (e.g.
 * {@code security-consultation}), see {@code CatalogueConfig}</li>
 * <li>{@code allOf} / {@code anyOf} / {@code not}: combinations</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(Boolean always, String field, Object equals, List<Object> in, String nationalityIn,
        List<Condition> allOf, List<Condition> anyOf, Condition not) {
}
