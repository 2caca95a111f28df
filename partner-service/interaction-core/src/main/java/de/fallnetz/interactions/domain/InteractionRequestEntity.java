package de.fallnetz.interactions.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One request to a partner agency, as the interaction service keeps it. */
@Entity
@Table(name = "interaction_request")
public class InteractionRequestEntity extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "case_id")
    public String caseId;

    @Column(name = "case_type")
    public String caseType;

    public String kind;

    @Column(name = "partner_organisation")
    public String partnerOrganisation;

    @Column(name = "office_id")
    public String officeId;

    @Column(name = "office_land")
    public String officeLand;

    public boolean accelerated;

    @Enumerated(EnumType.STRING)
    public InteractionState state;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> data;

    @Column(name = "deadline_amount")
    public int deadlineAmount;

    @Column(name = "deadline_unit")
    public String deadlineUnit;

    @Column(name = "deadline_silence")
    public String deadlineSilence;

    @Column(name = "legal_basis")
    public String legalBasis;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "paused_at")
    public Instant pausedAt;

    /** While paused: how much of the deadline was left. */
    @Column(name = "remaining_seconds")
    public Long remainingSeconds;

    @Column(name = "claimed_by")
    public String claimedBy;

    public String missing;

    public String outcome;

    public Boolean binding;

    public String reasons;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> conditions;

    /** The kind-specific fields of the partner's answer, as its answer schema allows them. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "answer_details")
    public Map<String, Object> answerDetails;

    /** The If-Match / ETag version; Hibernate raises it on every change. */
    @Version
    public long version;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Moves to {@code target}, or refuses with a 409 that lists the allowed states. */
    public void moveTo(InteractionState target, Instant now) {
        if (!state.canMoveTo(target)) {
            throw new IllegalTransitionException(id, state, target);
        }
        state = target;
        updatedAt = now;
    }

    public DeadlineRule rule() {
        return new DeadlineRule(deadlineAmount, deadlineUnit, deadlineSilence, legalBasis);
    }

    public Duration remaining() {
        return remainingSeconds == null ? null : Duration.ofSeconds(remainingSeconds);
    }
}
