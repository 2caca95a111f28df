package de.fallnetz.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The deadline passed in silence where silence counts as consent (§36 Abs. 2 BeschV): raised by the interaction service that owns the deadline, not by the partner.
 *
 * @param interactionId the interaction
 * @param caseId the case
 * @param kind the interaction kind, e.g. {@code BA_CONSENT}
 * @param partnerOrganisation the partner organisation the request is addressed to
 * @param legalBasis the rule that makes silence consent
 * @param dueAt when the deadline fell due
 * @param deemedAt when the service raised this
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InteractionDeemedGranted(String interactionId, String caseId, String kind, String partnerOrganisation,
        String legalBasis, Instant dueAt, Instant deemedAt) implements InteractionEvent {
}
