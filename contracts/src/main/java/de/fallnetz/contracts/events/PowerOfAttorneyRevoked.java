package de.fallnetz.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A power of attorney ended before its time, with immediate effect: its holder no longer sees or acts on the case,
 * and its open hand-offs were cancelled. Revoking one also ends every power sub-delegated from it (each gets its own
 * event). Published by relocation-handoff.
 *
 * @param powerOfAttorneyId the power of attorney
 * @param caseId the case it was for
 * @param holder the partner organisation that held it
 * @param revokedBy {@code APPLICANT}, {@code OFFICE}, or {@code CHAIN} when a power above it was revoked
 * @param reason why
 * @param revokedAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PowerOfAttorneyRevoked(String powerOfAttorneyId, String caseId, String holder, String revokedBy,
        String reason, Instant revokedAt) implements FallnetzEvent {
}
