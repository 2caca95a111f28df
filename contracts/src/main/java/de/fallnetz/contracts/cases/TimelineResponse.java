package de.fallnetz.contracts.cases;

import java.util.List;

/** A case's timeline, oldest first. */
public record TimelineResponse(String caseId, List<TimelineEntry> entries) {
}
