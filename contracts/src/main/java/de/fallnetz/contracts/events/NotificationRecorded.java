package de.fallnetz.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The notification service recorded a message for someone involved in a case, in that person's language.
 *
 * @param notificationId the notification's own ID
 * @param caseId the case
 * @param recipientRole who it is for: {@code APPLICANT}, {@code CLERK} or {@code PARTNER}
 * @param template the message template (for example {@code case-receipt})
 * @param language the language it is written in (BCP 47 tag)
 * @param recordedAt when it was recorded
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NotificationRecorded(String notificationId, String caseId, String recipientRole, String template,
        String language, Instant recordedAt) implements FallnetzEvent {
}
