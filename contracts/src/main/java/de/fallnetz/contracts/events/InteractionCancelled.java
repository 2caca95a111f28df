package de.fallnetz.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The case no longer needs an interaction it requested (the compensation when a case is withdrawn or transferred).
 * The interaction service confirms with {@link InteractionCancellationConfirmed}.
 *
 * @param interactionId the interaction
 * @param caseId the case
 * @param kind the interaction kind
 * @param partnerOrganisation the partner it was addressed to
 * @param reason {@code WITHDRAWN}, {@code TRANSFERRED} or {@code NO_LONGER_NEEDED}
 * @param cancelledAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InteractionCancelled(String interactionId, String caseId, String kind, String partnerOrganisation,
        String reason, Instant cancelledAt) implements InteractionEvent {
}
