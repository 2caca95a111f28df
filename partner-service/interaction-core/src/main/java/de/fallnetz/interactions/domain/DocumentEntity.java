package de.fallnetz.interactions.domain;

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

/** A PDF a partner uploaded to a request, kept in the service's database with its SHA-256. */
@Entity
@Table(name = "interaction_document")
public class DocumentEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "interaction_id")
    public String interactionId;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "content_type")
    public String contentType;

    @Column(name = "size_bytes")
    public long sizeBytes;

    public String sha256;

    @Basic(fetch = FetchType.LAZY)
    public byte[] content;

    @Column(name = "uploaded_by")
    public String uploadedBy;

    @Column(name = "uploaded_at")
    public Instant uploadedAt;

    public static List<DocumentEntity> of(String interactionId) {
        return list("interactionId = ?1 order by uploadedAt", interactionId);
    }
}
