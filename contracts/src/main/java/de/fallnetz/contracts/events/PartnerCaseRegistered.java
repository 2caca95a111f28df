package de.fallnetz.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The partner service took a case into its register, ready for the agency interactions the routing plan will ask for.
 *
 * @param caseId the case
 * @param caseType the case type as the partner service recorded it
 * @param registeredAt when the partner service registered the case
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartnerCaseRegistered(String caseId, String caseType, Instant registeredAt) implements FallnetzEvent {
}
