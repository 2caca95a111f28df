package de.fallnetz.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A power of attorney reached the end of its validity without being revoked: from then on it acts like a revocation.
 * Its holder no longer sees or acts on the case, the powers sub-delegated from it ended with it (each gets its own
 * event), and the open hand-offs of holders left without a power were cancelled. Published once by
 * relocation-handoff, at the end of the validity (or at its first poll after a restart).
 *
 * @param powerOfAttorneyId the power of attorney
 * @param caseId the case it was for
 * @param holder the partner organisation that held it
 * @param validUntil the end of its validity (of the power above it, for one that ended with its chain)
 * @param reason why, e.g. that a power above it expired
 * @param expiredAt when the expiry was applied
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PowerOfAttorneyExpired(String powerOfAttorneyId, String caseId, String holder, Instant validUntil,
        String reason, Instant expiredAt) implements FallnetzEvent {
}
