package de.fallnetz.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The interaction service took the request into the partner's inbox; the deadline runs from here.
 *
 * @param interactionId the interaction
 * @param caseId the case
 * @param kind the interaction kind, e.g. {@code BA_CONSENT}
 * @param partnerOrganisation the partner organisation the request is addressed to
 * @param dueAt when the deadline falls due; null when the interaction has none
 * @param deliveredAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InteractionDelivered(String interactionId, String caseId, String kind, String partnerOrganisation,
        Instant dueAt, Instant deliveredAt) implements InteractionEvent {
}
