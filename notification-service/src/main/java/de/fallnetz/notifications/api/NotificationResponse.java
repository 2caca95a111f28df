package de.fallnetz.notifications.api;

import java.time.Instant;

/** A notification with its rendered text. */
public record NotificationResponse(String notificationId, String caseId, String recipientRole, String template,
        String requestedLanguage, String language, String subject, String body, String status, Instant recordedAt) {
}
