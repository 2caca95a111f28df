package de.fallnetz.contracts.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The office asked the applicant for missing documents. Statutory clocks do not start (or stop) until the case is
 * complete again.
 *
 * @param caseId the case
 * @param officeId the office that asks
 * @param items the missing checklist items, with the title the applicant sees
 * @param note the clerk's note to the applicant; may be null
 * @param requestedAt when
 * @param dueAt by when the documents are due; null in events written before it existed (readers then assume
 *        {@code requestedAt} plus 14 days)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DocumentsRequested(String caseId, String officeId, List<Item> items, String note, Instant requestedAt,
        Instant dueAt)
        implements FallnetzEvent {

    /** One missing checklist item. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(String id, String title) {
    }
}
