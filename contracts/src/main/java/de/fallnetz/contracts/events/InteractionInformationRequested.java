package de.fallnetz.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The partner says information is missing: the deadline (and any fiction) stops until the office supplies it.
 *
 * @param interactionId the interaction
 * @param caseId the case
 * @param kind the interaction kind, e.g. {@code BA_CONSENT}
 * @param partnerOrganisation the partner organisation the request is addressed to
 * @param missing what is missing, in the partner's words
 * @param requestedAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InteractionInformationRequested(String interactionId, String caseId, String kind, String partnerOrganisation,
        String missing, Instant requestedAt) implements InteractionEvent {
}
