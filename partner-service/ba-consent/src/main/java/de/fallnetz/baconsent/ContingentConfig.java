package de.fallnetz.baconsent;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Western Balkans contingent (§26 Abs. 2 BeschV), {@code fallnetz.ba.contingent.*}. The annual number is a dated
 * setting (50,000 confirmed through 2025; a cut to 25,000 for 2026 is unverified). How the BA splits it among the
 * countries is not in our sources: the shares below are a PLACEHOLDER (equal sixths) until the BA's split is known.
 */
@ConfigMapping(prefix = "fallnetz.ba.contingent")
public interface ContingentConfig {

    /** First-time consents a year for all six countries together. */
    @WithDefault("50000")
    int annualQuota();

    /**
     * Each country's share of the annual quota (ISO 3166-1 alpha-3; XKX for Kosovo). A country's monthly quota is
     * annual quota × share ÷ 12, rounded down. Set in application.properties.
     */
    Map<String, Double> shares();

    /** The case type whose BA consents count against the contingent. */
    @WithDefault("WESTERN_BALKANS")
    String caseType();
}
