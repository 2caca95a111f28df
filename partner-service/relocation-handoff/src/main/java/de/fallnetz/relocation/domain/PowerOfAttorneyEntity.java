package de.fallnetz.relocation.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One power of attorney: who holds it, from whom, for what and how long. */
@Entity
@Table(name = "power_of_attorney")
public class PowerOfAttorneyEntity extends PanacheEntityBase {

    /** The grantor of a power the applicant gave directly. */
    public static final String APPLICANT = "applicant";

    @Id
    public UUID id;

    @Column(name = "case_id")
    public String caseId;

    public String holder;

    public String grantor;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(name = "sub_delegation_allowed")
    public boolean subDelegationAllowed;

    @Column(name = "case_types")
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> caseTypes;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> acts;

    @Column(name = "valid_from")
    public Instant validFrom;

    @Column(name = "valid_until")
    public Instant validUntil;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    @Column(name = "revocation_reason")
    public String revocationReason;

    @Column(name = "granted_at")
    public Instant grantedAt;

    /** The office whose clerk recorded it (inherited by sub-delegations): it gives access to that office's cases. */
    @Column(name = "office_id")
    public String officeId;

    /** When the end of its validity was applied (see {@code PowerOfAttorneyExpiry}); null before. */
    @Column(name = "expiry_applied_at")
    public Instant expiryAppliedAt;

    @Version
    public long version;

    /**
     * In force by itself at {@code now}: within its validity, not revoked and not expired (an applied expiry stays,
     * as a revocation does); its chain is checked elsewhere.
     */
    public boolean activeAt(Instant now) {
        return revokedAt == null && expiryAppliedAt == null && !now.isBefore(validFrom) && now.isBefore(validUntil);
    }

    /** Whether it covers {@code caseType} (null: any) and {@code act}. */
    public boolean covers(String caseType, Act act) {
        return (caseType == null || caseTypes.contains(caseType)) && acts.contains(act.name());
    }

    public static List<PowerOfAttorneyEntity> ofCase(String caseId) {
        return list("caseId = ?1 order by grantedAt, id", caseId);
    }

    public static List<PowerOfAttorneyEntity> heldBy(String caseId, String holder) {
        return list("caseId = ?1 and holder = ?2", caseId, holder);
    }

    /** Whether it was recorded by a clerk of {@code officeId} (an office's power says nothing about another's case). */
    public boolean recordedBy(String office) {
        return officeId != null && officeId.equals(office);
    }

    public static List<PowerOfAttorneyEntity> children(UUID parentId) {
        return list("parentId", parentId);
    }
}
