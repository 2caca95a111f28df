package de.fallnetz.contracts.cases;

import java.time.Instant;
import java.util.List;

/**
 * A team lead's figures of their own office. Open means not yet decided, closed, withdrawn or transferred away.
 *
 * @param officeId the office (the caller's own)
 * @param asOf when the figures were counted
 * @param backlog open cases per assignee (null assignee: not assigned), most open cases first
 * @param overdue open cases whose nearest partner deadline has passed
 * @param openedLast30Days cases opened at the office in the last 30 days
 * @param decidedLast30Days cases decided at the office in the last 30 days
 * @param deemedConsents partner consultations of the office's open cases that ended in a deemed consent (silence)
 * @param deemedConsentsLast30Days consultations of the office's cases deemed granted in the last 30 days
 */
public record OfficeStatisticsResponse(String officeId, Instant asOf, List<ClerkBacklog> backlog, long overdue,
        long openedLast30Days, long decidedLast30Days, long deemedConsents, long deemedConsentsLast30Days) {

    public record ClerkBacklog(String assignee, long open, long overdue) {
    }
}
