package de.fallnetz.notifications.clerks;

import java.time.Instant;

/** An in-app notification for the clerks of an office; {@code read} for the clerk who asks. */
public record ClerkNotification(String id, long seq, String officeId, String caseId, String kind, String text,
        Instant createdAt, boolean read) {

    public static final String PARTNER_ANSWERED = "PARTNER_ANSWERED";
    public static final String DEADLINE_SOON = "DEADLINE_SOON";
    public static final String DEEMED_CONSENT = "DEEMED_CONSENT";
    public static final String CASE_TRANSFERRED_IN = "CASE_TRANSFERRED_IN";
}
