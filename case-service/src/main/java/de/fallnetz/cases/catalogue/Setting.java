package de.fallnetz.cases.catalogue;

/**
 * A catalogue value that configuration may override ({@code fallnetz.catalogue.settings.<name>}), because the
 * domain research marks it UNVERIFIED or NOT FOUND. The catalogue file holds the default.
 *
 * @param name the setting's name, e.g. {@code blue-card-threshold-2026-general}
 * @param defaultValue the value in the catalogue file
 * @param value the value in effect
 * @param where the file and place it sits in, e.g. {@code BLUE_CARD/v1.yaml salaryThresholds.years[1].bands.GENERAL}
 * @param why why it is configurable
 */
public record Setting(String name, Object defaultValue, Object value, String where, String why) {
}
