package de.fallnetz.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The deadline passed where silence grants nothing (recognition, security consultation): the office must act.
 *
 * @param interactionId the interaction
 * @param caseId the case
 * @param kind the interaction kind, e.g. {@code BA_CONSENT}
 * @param partnerOrganisation the partner organisation the request is addressed to
 * @param reason why, for the clerk
 * @param dueAt the deadline that passed; may be null for a reminder without a statutory deadline
 * @param escalatedAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InteractionEscalated(String interactionId, String caseId, String kind, String partnerOrganisation,
        String reason, Instant dueAt, Instant escalatedAt) implements InteractionEvent {
}
