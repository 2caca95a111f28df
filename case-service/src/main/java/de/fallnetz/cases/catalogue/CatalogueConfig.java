package de.fallnetz.cases.catalogue;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;

/**
 * {@code fallnetz.catalogue.*}: what the case-type catalogue leaves to configuration. See docs/catalogue.md,
 * "Configurable values".
 */
@ConfigMapping(prefix = "fallnetz.catalogue")
public interface CatalogueConfig {

    /**
     * Named lists of nationalities (ISO 3166-1 alpha-3) that conditions refer to with {@code nationalityIn}, e.g.
     * {@code fallnetz.catalogue.nationality-lists.security-consultation=AFG,IRN}. Every list a condition names must
     * be configured, or start-up fails.
     */
    Map<String, List<String>> nationalityLists();

    /**
     * Overrides of the catalogue values the domain research could not verify, by the setting name the catalogue
     * file gives them, e.g. {@code fallnetz.catalogue.settings.blue-card-threshold-2026-general=50700.00}. An unknown
     * name fails start-up.
     */
    Map<String, String> settings();
}
