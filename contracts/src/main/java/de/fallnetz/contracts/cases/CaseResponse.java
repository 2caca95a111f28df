package de.fallnetz.contracts.cases;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A case as the case service returns it, with what a clerk needs to work on it.
 *
 * @param caseId the case ID
 * @param caseType the case type code
 * @param officeId the owning office; null while the case waits for the competent office to be chosen
 * @param status the lifecycle status
 * @param openedAt when it was opened
 * @param applicant the applicant (personal data)
 * @param catalogueVersion the case type's catalogue version the case follows
 * @param version the case's version: send it as {@code If-Match} with every command
 * @param openedBy APPLICANT, EMPLOYER or REPRESENTATIVE
 * @param onBehalfOf the employer or representative, if any
 * @param application the application data
 * @param routing how the competent office was found
 * @param assignee the clerk working on it
 * @param checklist the uniform checklist and what is ticked
 * @param interactions the partner interactions and their state
 * @param proposedOutcome REFUSED when a partner's binding refusal proposes it; null otherwise
 * @param proposalReason why
 * @param outcome GRANTED or REFUSED once decided
 * @param decidedAt when decided
 * @param documents the case's documents (the decision letter)
 * @param linkedCaseIds other cases of the same person or family
 * @param allowedCommands the commands allowed in the current status
 * @param nextDeadlineAt the nearest open partner deadline
 */
public record CaseResponse(String caseId, String caseType, String officeId, String status, Instant openedAt,
        ApplicantData applicant, Integer catalogueVersion, long version, String openedBy, String onBehalfOf,
        Map<String, Object> application, Routing routing, String assignee, List<ChecklistEntry> checklist,
        List<InteractionEntry> interactions, String proposedOutcome, String proposalReason, String outcome,
        Instant decidedAt, List<DocumentEntry> documents, List<String> linkedCaseIds, List<String> allowedCommands,
        Instant nextDeadlineAt) {

    /** The routing: postal code → district → office, with the candidates when it was ambiguous. */
    public record Routing(String postalCode, String reason, List<String> candidateOffices, String officeLand) {
    }

    public record ChecklistEntry(String id, String title, String legalReason, boolean ticked, String note) {
    }

    public record InteractionEntry(String interactionId, String kind, String partnerOrganisation, String state,
            String deadline, String silence, Instant dueAt, String outcome, boolean binding, String reasons,
            List<String> conditions) {
    }

    public record DocumentEntry(String documentId, String kind, String fileName, String mediaType, String sha256,
            Instant createdAt) {
    }
}
