package de.fallnetz.relocation.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import de.fallnetz.relocation.domain.PowerOfAttorneyEntity;

/** A power of attorney and whether it is in force now (with its whole chain). */
public record PowerOfAttorneyResponse(UUID id, String caseId, String holder, String grantor, UUID parentId,
        boolean subDelegationAllowed, List<String> caseTypes, List<String> acts, Instant validFrom,
        Instant validUntil, Instant revokedAt, String revokedBy, String revocationReason, Instant grantedAt,
        boolean inForce, long version) {

    public static PowerOfAttorneyResponse of(PowerOfAttorneyEntity p, boolean inForce) {
        return new PowerOfAttorneyResponse(p.id, p.caseId, p.holder, p.grantor, p.parentId, p.subDelegationAllowed,
                p.caseTypes, p.acts, p.validFrom, p.validUntil, p.revokedAt, p.revokedBy, p.revocationReason,
                p.grantedAt, inForce, p.version);
    }
}
