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
 * @param catalogueVersion the version of the case type's catalogue entry the case follows; null from older producers
 * @param routingReason how the competent office was found, e.g. {@code postal code 10115 → district 11000 → …};
 *        null from older producers
 * @param applicantEmail where notification-service mails the applicant; null if the applicant gave none (and from
 *        older producers). The one personal datum in the event: notification-service needs it to deliver at all
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseOpened(String caseId, String caseType, String officeId, String applicantLanguage, Instant openedAt,
        Integer catalogueVersion, String routingReason, String applicantEmail) implements FallnetzEvent {

    public CaseOpened(String caseId, String caseType, String officeId, String applicantLanguage, Instant openedAt) {
        this(caseId, caseType, officeId, applicantLanguage, openedAt, null, null, null);
    }

    public CaseOpened(String caseId, String caseType, String officeId, String applicantLanguage, Instant openedAt,
            Integer catalogueVersion, String routingReason) {
        this(caseId, caseType, officeId, applicantLanguage, openedAt, catalogueVersion, routingReason, null);
    }
}
