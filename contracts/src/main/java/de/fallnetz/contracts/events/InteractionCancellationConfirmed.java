package de.fallnetz.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The interaction service confirms that it cancelled a request (after {@link InteractionCancelled}).
 *
 * @param interactionId the interaction
 * @param caseId the case
 * @param kind the interaction kind, e.g. {@code BA_CONSENT}
 * @param partnerOrganisation the partner organisation the request is addressed to
 * @param reason the reason the case gave
 * @param cancelledAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InteractionCancellationConfirmed(String interactionId, String caseId, String kind, String partnerOrganisation,
        String reason, Instant cancelledAt) implements InteractionEvent {
}
