package de.fallnetz.relocation.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A power of attorney the office received.
 *
 * @param caseId the case it is for
 * @param holder the partner organisation that acts, e.g. an employer or {@code relocation-muster}
 * @param parentId the power it is sub-delegated from (its holder is the grantor); null for the applicant's own
 * @param subDelegationAllowed whether the holder may sub-delegate it
 * @param caseTypes the case types it covers
 * @param acts {@code FILE}, {@code RECEIVE_DOCUMENTS}, {@code ANSWER}
 * @param validFrom start of validity; now when missing
 * @param validUntil end of validity (exclusive)
 */
public record GrantPowerOfAttorneyRequest(
        @Schema(example = "6f1c2a0e-7d4b-4c55-9a8e-2f0c1d9b3e71") String caseId,
        @Schema(example = "employer-muster") String holder,
        UUID parentId,
        Boolean subDelegationAllowed,
        @Schema(example = "[\"ACCELERATED_SKILLED_WORKER\"]") List<String> caseTypes,
        @Schema(example = "[\"FILE\", \"RECEIVE_DOCUMENTS\", \"ANSWER\"]") List<String> acts,
        Instant validFrom,
        @Schema(example = "2027-06-01T00:00:00Z") Instant validUntil) {
}
