package de.fallnetz.cases.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "fallnetz_case")
public class CaseEntity extends PanacheEntityBase {

    /** First key of the idempotency locks: "case" in ASCII, so other lock users can keep clear of it. */
    private static final int IDEMPOTENCY_LOCK_SPACE = 0x63617365;

    @Id
    public UUID id;

    @Column(name = "case_type")
    public String caseType;

    @Column(name = "office_id")
    public String officeId;

    public String status;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "family_name")
    public String familyName;

    @Column(name = "given_names")
    public String givenNames;

    @Column(name = "date_of_birth")
    public LocalDate dateOfBirth;

    public String nationality;

    @Column(name = "preferred_language")
    public String preferredLanguage;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    public static Optional<CaseEntity> findByIdempotencyKey(String key) {
        return find("idempotencyKey", key).firstResultOptional();
    }

    /**
     * Serialises requests with the same idempotency key until the end of the current transaction (a PostgreSQL
     * advisory lock in the two-key space, which the outbox relay's one-key lock never meets).
     */
    public static void lockIdempotencyKey(String key) {
        getEntityManager()
                .createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1, hashtext(?2))) locked")
                .setParameter(1, IDEMPOTENCY_LOCK_SPACE)
                .setParameter(2, key)
                .getSingleResult();
    }
}
