package de.fallnetz.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A result lost its validity: a BA pre-approval after 6 months, an integration-course entitlement after 1 year.
 *
 * @param interactionId the interaction
 * @param caseId the case
 * @param kind the interaction kind, e.g. {@code BA_CONSENT}
 * @param partnerOrganisation the partner organisation the request is addressed to
 * @param reason why
 * @param expiredAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InteractionExpired(String interactionId, String caseId, String kind, String partnerOrganisation,
        String reason, Instant expiredAt) implements InteractionEvent {
}
