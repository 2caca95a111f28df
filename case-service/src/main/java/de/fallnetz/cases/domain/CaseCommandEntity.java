package de.fallnetz.cases.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A command accepted with an Idempotency-Key: a repeat with the same key and body changes nothing again. */
@Entity
@Table(name = "case_command")
@IdClass(CaseCommandEntity.Key.class)
public class CaseCommandEntity extends PanacheEntityBase {

    @Id
    @Column(name = "case_id")
    public UUID caseId;

    @Id
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    public String command;

    @Column(name = "request_hash")
    public String requestHash;

    @Column(name = "result_version")
    public long resultVersion;

    @Column(name = "created_at")
    public Instant createdAt;

    public record Key(UUID caseId, String idempotencyKey) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
