package de.fallnetz.notifications.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "notification")
public class NotificationEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "case_id")
    public String caseId;

    @Column(name = "recipient_role")
    public String recipientRole;

    public String template;

    @Column(name = "requested_language")
    public String requestedLanguage;

    public String language;

    public String subject;

    public String body;

    public String status;

    @Column(name = "recorded_at")
    public Instant recordedAt;

    public static List<NotificationEntity> ofCase(String caseId) {
        return list("caseId = ?1 order by recordedAt", caseId);
    }
}
