package de.fallnetz.notifications.clerks;

/**
 * A signal, not stored: case-service published a change of an office's case (its event {@code type}), so an open
 * case page of that case can fetch itself again; sent once the consuming transaction committed, so the page finds
 * the change already in case-service.
 */
public record CaseChanged(String officeId, String caseId, String type) {
}
