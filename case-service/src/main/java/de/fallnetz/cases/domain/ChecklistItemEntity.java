package de.fallnetz.cases.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The state of one checklist item of a case; the item itself is in the case type's catalogue version. */
@Entity
@Table(name = "case_checklist_item")
@IdClass(ChecklistItemEntity.Key.class)
public class ChecklistItemEntity extends PanacheEntityBase {

    @Id
    @Column(name = "case_id")
    public UUID caseId;

    @Id
    @Column(name = "item_id")
    public String itemId;

    public boolean ticked;

    public String note;

    @Column(name = "changed_by")
    public String changedBy;

    @Column(name = "changed_at")
    public Instant changedAt;

    public static List<ChecklistItemEntity> ofCase(UUID caseId) {
        return list("caseId", caseId);
    }

    public record Key(UUID caseId, String itemId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
