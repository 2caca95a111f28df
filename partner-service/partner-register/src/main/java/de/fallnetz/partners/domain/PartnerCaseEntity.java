package de.fallnetz.partners.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "partner_case")
public class PartnerCaseEntity extends PanacheEntityBase {

    @Id
    @Column(name = "case_id")
    public String caseId;

    @Column(name = "case_type")
    public String caseType;

    @Column(name = "office_id")
    public String officeId;

    @Column(name = "registered_at")
    public Instant registeredAt;
}
