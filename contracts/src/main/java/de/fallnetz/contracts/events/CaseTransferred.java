package de.fallnetz.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The case moved to another immigration office because the person moved (domain §2.8). The receiving office sees
 * the whole timeline from now on; the sending office no longer sees the case.
 *
 * @param caseId the case
 * @param fromOfficeId the sending office
 * @param toOfficeId the receiving office
 * @param reason why, e.g. the new main residence
 * @param transferredAt when
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseTransferred(String caseId, String fromOfficeId, String toOfficeId, String reason,
        Instant transferredAt) implements FallnetzEvent {
}
