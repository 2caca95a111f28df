package de.fallnetz.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * After a grant, the office has the electronic residence permit card (eAT) from the Bundesdruckerei: the applicant
 * can collect it. Published once per case.
 *
 * @param caseId the case
 * @param officeId the office where the card is collected
 * @param pickupNote the office's hint for the applicant (opening hours, an appointment); may be null
 * @param readyAt when the office recorded it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CardReadyForPickup(String caseId, String officeId, String pickupNote, Instant readyAt)
        implements FallnetzEvent {
}
