package de.fallnetz.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A partner user took the request to work on it.
 *
 * @param interactionId the interaction
 * @param caseId the case
 * @param kind the interaction kind, e.g. {@code BA_CONSENT}
 * @param partnerOrganisation the partner organisation the request is addressed to
 * @param claimedBy the partner user
 * @param claimedAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InteractionClaimed(String interactionId, String caseId, String kind, String partnerOrganisation,
        String claimedBy, Instant claimedAt) implements InteractionEvent {
}
