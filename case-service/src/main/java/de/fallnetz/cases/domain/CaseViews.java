package de.fallnetz.cases.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.cases.catalogue.CaseTypeCatalogue;
import de.fallnetz.cases.catalogue.CaseTypeVersion;
import de.fallnetz.contracts.cases.ApplicantData;
import de.fallnetz.contracts.cases.CaseResponse;

/** Builds what a case looks like from outside: the entity with its checklist, interactions and documents. */
@ApplicationScoped
public class CaseViews {

    private final CaseTypeCatalogue catalogue;
    private final OpenCaseStore store;

    public CaseViews(CaseTypeCatalogue catalogue, OpenCaseStore store) {
        this.catalogue = catalogue;
        this.store = store;
    }

    public CaseResponse toResponse(CaseEntity c) {
        return view(c, catalogue.version(c.caseType, c.catalogueVersion).orElse(null), false);
    }

    /** A case just opened: nothing ticked, asked or written yet, so only its links need reading. */
    public CaseResponse newCase(CaseEntity c, CaseTypeVersion type) {
        return view(c, type, true);
    }

    private CaseResponse view(CaseEntity c, CaseTypeVersion type, boolean isNew) {
        Map<String, ChecklistItemEntity> ticks = isNew ? Map.of() : ChecklistItemEntity.ofCase(c.id).stream()
                .collect(Collectors.toMap(i -> i.itemId, Function.identity()));
        List<CaseResponse.ChecklistEntry> checklist = type == null ? List.of()
                : type.checklist().stream().map(item -> {
                    ChecklistItemEntity state = ticks.get(item.id());
                    return new CaseResponse.ChecklistEntry(item.id(), item.title(), item.legalReason(),
                            state != null && state.ticked, state == null ? null : state.note);
                }).toList();
        List<CaseResponse.InteractionEntry> interactions = isNew ? List.of() : CaseInteractionEntity.ofCase(c.id).stream()
                .map(i -> new CaseResponse.InteractionEntry(i.id.toString(), i.kind, i.partnerOrganisation, i.state,
                        i.deadlineText, i.silence, i.dueAt, i.outcome, i.binding, i.reasons,
                        i.conditions == null ? List.of() : Arrays.asList(i.conditions)))
                .toList();
        List<CaseResponse.DocumentEntry> documents = isNew ? List.of() : CaseDocumentEntity.ofCase(c.id).stream()
                .map(d -> new CaseResponse.DocumentEntry(d.id.toString(), d.kind, d.fileName, d.mediaType, d.sha256,
                        d.createdAt))
                .toList();
        ApplicantData applicant = c.erasedAt != null ? null
                : new ApplicantData(c.familyName, c.givenNames, c.dateOfBirth, c.nationality, c.preferredLanguage,
                        c.azrNumber, c.applicantEmail);
        return new CaseResponse(c.id.toString(), c.caseType, c.officeId, c.status.name(), c.openedAt, applicant,
                c.catalogueVersion, c.version, c.openedBy, c.onBehalfOf, c.erasedAt != null ? Map.of() : c.application,
                new CaseResponse.Routing(c.postalCode, c.routingReason,
                        c.candidateOffices == null ? List.of() : Arrays.asList(c.candidateOffices), c.officeLand),
                c.assignee, checklist, interactions, c.proposedOutcome, c.proposalReason, c.outcome, c.decidedAt,
                documents, store.linkedCases(c), c.commands().stream().map(CaseCommand::path).sorted().toList(),
                c.nextDeadlineAt);
    }
}
