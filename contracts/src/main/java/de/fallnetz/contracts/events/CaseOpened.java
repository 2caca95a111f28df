package de.fallnetz.contracts.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A clerk or partner opened a case at an immigration office. Carries no name or birth date of the applicant: a
 * consumer that needs personal data asks the case service, which checks and audits the read.
 *
 * @param caseId the case ID all services follow
 * @param caseType code of the case type (for example {@code BLUE_CARD})
 * @param officeId the immigration office (ABH) that owns the case
 * @param applicantLanguage the applicant's preferred language (BCP 47 tag), for notifications
 * @param openedAt when the case was opened
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseOpened(String caseId, String caseType, String officeId, String applicantLanguage, Instant openedAt)
        implements FallnetzEvent {
}
