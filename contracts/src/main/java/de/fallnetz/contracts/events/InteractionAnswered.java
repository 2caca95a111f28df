package de.fallnetz.contracts.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The partner answered the request.
 *
 * @param interactionId the interaction
 * @param caseId the case
 * @param kind the interaction kind, e.g. {@code BA_CONSENT}
 * @param partnerOrganisation the partner organisation the request is addressed to
 * @param outcome {@code GRANTED}, {@code GRANTED_WITH_CONDITIONS}, {@code REFUSED}, {@code NO_OBJECTION},
 *        {@code CONCERNS} or {@code ACKNOWLEDGED}
 * @param binding whether the office is bound by a refusal (the BA's refusal of consent is); boxed, so that a record
 *        without it is refused as unreadable rather than read as false
 * @param reasons the partner's reasons; may be null
 * @param conditions conditions attached to a grant (e.g. the employer the consent is tied to); empty if none
 * @param answeredAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InteractionAnswered(String interactionId, String caseId, String kind, String partnerOrganisation,
        String outcome, Boolean binding, String reasons, List<String> conditions,
        Instant answeredAt) implements InteractionEvent {
}
