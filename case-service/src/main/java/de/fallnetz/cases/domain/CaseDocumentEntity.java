package de.fallnetz.cases.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A document of a case, such as the decision letter, stored with its SHA-256. */
@Entity
@Table(name = "case_document")
public class CaseDocumentEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "case_id")
    public UUID caseId;

    public String kind;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "media_type")
    public String mediaType;

    public String sha256;

    @Basic(fetch = FetchType.LAZY)
    public byte[] content;

    @Column(name = "created_at")
    public Instant createdAt;

    public static List<CaseDocumentEntity> ofCase(UUID caseId) {
        return list("caseId = ?1 order by createdAt", caseId);
    }
}
