package de.fallnetz.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The status of a case changed (the lifecycle of domain §3). Notification-service tells the applicant the
 * case type's status text for the new status; the clerks' worklist follows it.
 *
 * @param caseId the case
 * @param caseType the case type code
 * @param officeId the office that owns the case
 * @param status the new status, e.g. {@code CONSULTATIONS_RUNNING}
 * @param previousStatus the status before
 * @param reason why, in a short line for the timeline; may be null
 * @param changedAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseStatusChanged(String caseId, String caseType, String officeId, String status, String previousStatus,
        String reason, Instant changedAt) implements FallnetzEvent {
}
