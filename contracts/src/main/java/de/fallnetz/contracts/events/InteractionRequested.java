package de.fallnetz.contracts.events;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The case needs a partner agency's part: one event per required interaction, published by case-service when the
 * case is complete. The interaction service of {@code kind} takes it, computes the deadline and answers with
 * {@code de.fallnetz.interaction.*} events.
 *
 * @param interactionId the interaction request's own ID, which every answer names
 * @param caseId the case
 * @param caseType the case type code
 * @param officeId the asking office
 * @param officeLand ISO 3166-2 code of the office's Land (e.g. {@code DE-BE}), whose public holidays count
 * @param kind the interaction kind, e.g. {@code BA_CONSENT}
 * @param partnerOrganisation the addressed partner organisation; only it may see the request
 * @param accelerated whether the case runs in the accelerated skilled-worker procedure (§81a AufenthG); boxed, so that
 *        a record without it is refused as unreadable rather than read as false
 * @param deadline the deadline rule and what silence means, from the case type's catalogue version
 * @param data only the data this partner needs, as the catalogue names it for the interaction kind
 * @param requestedAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InteractionRequested(String interactionId, String caseId, String caseType, String officeId,
        String officeLand, String kind, String partnerOrganisation, Boolean accelerated, Deadline deadline,
        Map<String, Object> data, Instant requestedAt) implements InteractionEvent {

    /**
     * A deadline rule.
     *
     * @param amount how many units; 0 with unit {@code NONE} when there is no deadline
     * @param unit {@code CALENDAR_DAYS}, {@code WORKING_DAYS}, {@code WEEKS}, {@code MONTHS} or {@code NONE}
     * @param silence what silence means when it passes: {@code DEEMED_GRANTED}, {@code NO_OBJECTION},
     *        {@code ESCALATE} or {@code NONE}
     * @param legalBasis where the rule comes from, e.g. {@code §36 Abs. 2 BeschV}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Deadline(int amount, String unit, String silence, String legalBasis) {
    }
}
