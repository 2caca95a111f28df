package de.fallnetz.cases.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "fallnetz_case")
public class CaseEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "case_type")
    public String caseType;

    @Column(name = "office_id")
    public String officeId;

    @Enumerated(EnumType.STRING)
    public CaseStatus status;

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

    /** For notifications only; erased with the other personal data. */
    @Column(name = "applicant_email")
    public String applicantEmail;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    @Column(name = "catalogue_version")
    public Integer catalogueVersion;

    @Column(name = "opened_by")
    public String openedBy;

    @Column(name = "on_behalf_of")
    public String onBehalfOf;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> application;

    @Column(name = "postal_code")
    public String postalCode;

    @Column(name = "routing_reason")
    public String routingReason;

    @Column(name = "candidate_offices")
    public String[] candidateOffices;

    @Column(name = "office_land")
    public String officeLand;

    @Column(name = "azr_number")
    public String azrNumber;

    @Column(name = "person_key")
    public String personKey;

    @Column(name = "related_case_id")
    public UUID relatedCaseId;

    public String assignee;

    @Column(name = "proposed_outcome")
    public String proposedOutcome;

    @Column(name = "proposal_reason")
    public String proposalReason;

    @Column(name = "hearing_statement")
    public String hearingStatement;

    @Column(name = "heard_at")
    public Instant heardAt;

    public String outcome;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "status_changed_at")
    public Instant statusChangedAt;

    @Column(name = "next_deadline_at")
    public Instant nextDeadlineAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "erased_at")
    public Instant erasedAt;

    /** When the office recorded that the residence permit card can be collected; null until then. */
    @Column(name = "card_ready_at")
    public Instant cardReadyAt;

    /** Incremented by every change; the ETag clients send back as If-Match. */
    public long version;

    /**
     * The commands allowed now: those of the status, plus {@link CaseCommand#CARD_READY} for a granted case whose
     * card is not yet recorded as ready (the outcome, not the status, decides it).
     */
    public java.util.Set<CaseCommand> commands() {
        java.util.Set<CaseCommand> allowed = java.util.EnumSet.noneOf(CaseCommand.class);
        allowed.addAll(status.allowed());
        if ((status == CaseStatus.DECIDED || status == CaseStatus.CLOSED) && "GRANTED".equals(outcome)
                && cardReadyAt == null && erasedAt == null) {
            allowed.add(CaseCommand.CARD_READY);
        }
        return allowed;
    }

    /** Reads the case and locks its row until the end of the transaction: commands and answers apply one by one. */
    public static Optional<CaseEntity> lockForUpdate(UUID id) {
        return Optional.ofNullable(getEntityManager().find(CaseEntity.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

}
