package de.fallnetz.contracts.events;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The office supplied the information a partner asked for; the partner's clock resumes.
 *
 * @param interactionId the interaction that asked
 * @param caseId the case
 * @param kind the interaction kind
 * @param partnerOrganisation the partner that asked
 * @param data the supplied data (only what that partner may see)
 * @param note the clerk's note; may be null
 * @param suppliedAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InformationSupplied(String interactionId, String caseId, String kind, String partnerOrganisation,
        Map<String, Object> data, String note, Instant suppliedAt) implements InteractionEvent {
}
