package de.fallnetz.contracts.cases;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A page of a clerk's worklist, nearest deadline first.
 *
 * @param items the cases on this page
 * @param nextCursor pass as {@code after} for the next page; null on the last page
 * @param countsByStatus how many cases match the filters (other than status and paging) in each status
 */
public record WorklistResponse(List<Item> items, String nextCursor, Map<String, Long> countsByStatus) {

    public record Item(String caseId, String caseType, String officeId, String status, String familyName,
            String givenNames, String assignee, Instant openedAt, Instant nextDeadlineAt, boolean overdue) {
    }
}
