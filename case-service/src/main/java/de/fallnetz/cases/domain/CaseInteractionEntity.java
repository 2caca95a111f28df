package de.fallnetz.cases.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A partner interaction the case asked for, as case-service follows it from the interaction services' events. */
@Entity
@Table(name = "case_interaction")
public class CaseInteractionEntity extends PanacheEntityBase {

    /** States in which the interaction needs nothing more for the decision. */
    public static final List<String> FINAL = List.of("ANSWERED", "DEEMED_GRANTED", "CANCELLED", "EXPIRED");

    @Id
    public UUID id;

    @Column(name = "case_id")
    public UUID caseId;

    public String kind;

    @Column(name = "partner_organisation")
    public String partnerOrganisation;

    /**
     * REQUESTED, DELIVERED, CLAIMED, INFORMATION_REQUESTED, INFORMATION_SUPPLIED, ESCALATED, CANCELLING, or one of
     * {@link #FINAL}.
     */
    public String state;

    public String silence;

    @Column(name = "deadline_text")
    public String deadlineText;

    @Column(name = "due_at")
    public Instant dueAt;

    public String outcome;

    public boolean binding;

    public String reasons;

    public String[] conditions;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean isFinal() {
        return FINAL.contains(state);
    }

    /** Still waiting for the partner or the office, so a case withdrawal must cancel it. */
    public boolean isOpen() {
        return !isFinal() && !"CANCELLING".equals(state);
    }

    public static List<CaseInteractionEntity> ofCase(UUID caseId) {
        return list("caseId = ?1 order by requestedAt, kind", caseId);
    }
}
