package de.fallnetz.cases.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.cases.catalogue.CaseTypeCatalogue;
import de.fallnetz.cases.catalogue.CaseTypeVersion;
import de.fallnetz.cases.catalogue.ChecklistItem;
import de.fallnetz.cases.catalogue.InteractionRule;
import de.fallnetz.cases.jurisdiction.Jurisdiction;
import de.fallnetz.cases.jurisdiction.Office;
import de.fallnetz.cases.jurisdiction.RoutingResult;
import de.fallnetz.cases.letters.DecisionLetter;
import de.fallnetz.cases.letters.DecisionLetters;
import de.fallnetz.cases.letters.RenderedLetter;
import de.fallnetz.contracts.cases.CaseCommands;
import de.fallnetz.contracts.cases.CaseResponse;
import de.fallnetz.contracts.events.CardReadyForPickup;
import de.fallnetz.contracts.events.CaseDecided;
import de.fallnetz.contracts.events.CaseStatusChanged;
import de.fallnetz.contracts.events.CaseTransferred;
import de.fallnetz.contracts.events.DocumentsRequested;
import de.fallnetz.contracts.events.FallnetzEvent;
import de.fallnetz.contracts.events.InformationSupplied;
import de.fallnetz.contracts.events.InteractionAnswered;
import de.fallnetz.contracts.events.InteractionCancellationConfirmed;
import de.fallnetz.contracts.events.InteractionCancelled;
import de.fallnetz.contracts.events.InteractionClaimed;
import de.fallnetz.contracts.events.InteractionDeemedGranted;
import de.fallnetz.contracts.events.InteractionDelivered;
import de.fallnetz.contracts.events.InteractionEscalated;
import de.fallnetz.contracts.events.InteractionEvent;
import de.fallnetz.contracts.events.InteractionExpired;
import de.fallnetz.contracts.events.InteractionInformationRequested;
import de.fallnetz.contracts.events.InteractionRequested;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/**
 * The process of a case across agencies (domain §3): the clerks' commands and the interaction services' answers
 * move it through {@link CaseStatus}. Every change locks the case row, so commands and answers apply one at a time
 * and the events of a case leave the outbox in the order they were decided.
 */
@ApplicationScoped
public class CaseLifecycle {

    /** Documents are due this long after the request unless the clerk names a day. */
    static final Period DOCUMENTS_DUE_AFTER = Period.ofDays(14);

    /** The interaction kind of office-transfer's hand-over of a transferred case to the receiving office. */
    static final String HANDOVER = "OFFICE_HANDOVER";

    private final CaseEvents events;
    private final CaseTypeCatalogue catalogue;
    private final Jurisdiction jurisdiction;
    private final CaseViews views;
    private final DecisionLetters letters;
    private final CaseService cases;
    private final CaseMetrics metrics;
    private final ObjectMapper mapper;

    public CaseLifecycle(CaseEvents events, CaseTypeCatalogue catalogue, Jurisdiction jurisdiction, CaseViews views,
            DecisionLetters letters, CaseService cases, CaseMetrics metrics, ObjectMapper mapper) {
        this.events = events;
        this.catalogue = catalogue;
        this.jurisdiction = jurisdiction;
        this.views = views;
        this.letters = letters;
        this.cases = cases;
        this.metrics = metrics;
        this.mapper = mapper;
    }

    // ---- Commands -------------------------------------------------------------------------------------------------

    @Transactional
    public CaseResponse assign(UUID caseId, long ifMatch, String key, CaseCommands.AssignRequest r) {
        return execute(caseId, CaseCommand.ASSIGN, ifMatch, key, r, (c, now) -> c.assignee = r.assignee().strip());
    }

    @Transactional
    public CaseResponse tick(UUID caseId, String itemId, long ifMatch, String key,
            CaseCommands.ChecklistChangeRequest r) {
        return execute(caseId, CaseCommand.TICK, ifMatch, key, List.of(itemId, Objects.toString(r.note())),
                (c, now) -> {
                    setTick(c, itemId, true, r.note(), now);
                    if (c.status == CaseStatus.RECEIVED) {
                        changeStatus(c, CaseStatus.COMPLETENESS_CHECK, "Completeness check started", now);
                    }
                    moveOn(c, now);
                });
    }

    @Transactional
    public CaseResponse untick(UUID caseId, String itemId, long ifMatch, String key,
            CaseCommands.ChecklistChangeRequest r) {
        if (r.note() == null || r.note().isBlank()) {
            throw CaseService.invalid(400, "invalid-request", "Invalid request", "note",
                    "must say why the item is unticked");
        }
        return execute(caseId, CaseCommand.UNTICK, ifMatch, key, List.of(itemId, r.note()), (c, now) -> {
            setTick(c, itemId, false, r.note(), now);
            if (c.status == CaseStatus.READY_FOR_DECISION) {
                changeStatus(c, CaseStatus.CONSULTATIONS_RUNNING, "Checklist item " + itemId + " unticked", now);
            }
        });
    }

    @Transactional
    public CaseResponse requestDocuments(UUID caseId, long ifMatch, String key, CaseCommands.DocumentsRequest r) {
        return execute(caseId, CaseCommand.REQUEST_DOCUMENTS, ifMatch, key, r, (c, now) -> {
            CaseTypeVersion type = type(c);
            List<DocumentsRequested.Item> items = new ArrayList<>();
            for (String id : r.itemIds().stream().distinct().toList()) {
                ChecklistItem item = type.checklistItem(id).orElseThrow(() -> unknownItem(id));
                items.add(new DocumentsRequested.Item(item.id(), item.title()));
                setTick(c, id, false, r.note(), now);
            }
            events.publish(c.id, new DocumentsRequested(c.id.toString(), c.officeId, items, r.note(), now,
                    documentsDue(r.dueDate(), now)), now);
            if (c.status != CaseStatus.DOCUMENTS_REQUESTED) {
                changeStatus(c, CaseStatus.DOCUMENTS_REQUESTED, items.size() + " document(s) requested", now);
            }
        });
    }

    /**
     * The end of the due day in office time; without one, 14 days from today. A day before today is refused: the
     * applicant could not meet it.
     */
    static Instant documentsDue(LocalDate dueDate, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, CaseService.OFFICE_ZONE);
        if (dueDate != null && dueDate.isBefore(today)) {
            throw CaseService.invalid(400, "invalid-request", "Invalid request", "dueDate",
                    "must not be in the past (today is " + today + ")");
        }
        LocalDate day = dueDate != null ? dueDate : today.plus(DOCUMENTS_DUE_AFTER);
        return day.atTime(LocalTime.of(23, 59, 59)).atZone(CaseService.OFFICE_ZONE).toInstant();
    }

    @Transactional
    public CaseResponse supplyInformation(UUID caseId, UUID interactionId, long ifMatch, String key,
            CaseCommands.SupplyInformationRequest r) {
        return execute(caseId, CaseCommand.SUPPLY_INFORMATION, ifMatch, key, List.of(interactionId, r), (c, now) -> {
            CaseInteractionEntity i = interaction(c, interactionId);
            if (!"INFORMATION_REQUESTED".equals(i.state)) {
                throw new ProblemException(Problem.typed("no-information-requested", "No information requested",
                        409, "The partner has not asked for information on this interaction (state " + i.state + ")")
                        .with("interactionState", i.state));
            }
            i.state = "INFORMATION_SUPPLIED";
            i.updatedAt = now;
            events.publish(c.id, new InformationSupplied(i.id.toString(), c.id.toString(), i.kind,
                    i.partnerOrganisation, r.data(), r.note(), now), now);
        });
    }

    @Transactional
    public CaseResponse recordHearing(UUID caseId, long ifMatch, String key, CaseCommands.HearingRequest r) {
        return execute(caseId, CaseCommand.RECORD_HEARING, ifMatch, key, r, (c, now) -> {
            c.heardAt = r.heardAt().truncatedTo(ChronoUnit.MICROS);
            c.hearingStatement = r.statement();
            changeStatus(c, CaseStatus.HEARING, "Applicant heard before a possible refusal", now);
        });
    }

    @Transactional
    public CaseResponse decide(UUID caseId, long ifMatch, String key, CaseCommands.DecisionRequest r) {
        return execute(caseId, CaseCommand.DECIDE, ifMatch, key, r, (c, now) -> {
            CaseTypeVersion type = type(c);
            boolean refused = "REFUSED".equals(r.outcome());
            if (refused) {
                List<Problem.InvalidParam> missing = new ArrayList<>();
                if (r.reasons() == null || r.reasons().isBlank()) {
                    missing.add(new Problem.InvalidParam("reasons", "a refusal must give reasons"));
                }
                if (r.legalBasis() == null || r.legalBasis().isBlank()) {
                    missing.add(new Problem.InvalidParam("legalBasis", "a refusal must name its legal basis"));
                }
                if (!missing.isEmpty()) {
                    throw new ProblemException(Problem.typed("invalid-request", "Invalid request", 422,
                            "A refusal needs reasons and a legal basis").withInvalidParams(missing));
                }
                if (c.status != CaseStatus.HEARING) {
                    throw notAllowed(c, CaseCommand.DECIDE, "a refusal needs the applicant's hearing first (§28 VwVfG)");
                }
            } else if ("REFUSED".equals(c.proposedOutcome)) {
                throw notAllowed(c, CaseCommand.DECIDE, "a partner's binding refusal stands: " + c.proposalReason);
            }
            String legalBasis = refused ? r.legalBasis().strip() : type.grantLegalBasis();
            Office office = jurisdiction.office(c.officeId).orElse(null);
            RenderedLetter letter = letters.render(new DecisionLetter(c.id.toString(), c.caseType, type.title(),
                    r.outcome(), legalBasis, r.reasons(), r.conditions() == null ? List.of() : r.conditions(),
                    c.officeId, office == null ? c.officeId : office.name(), c.familyName, c.givenNames,
                    c.dateOfBirth, c.nationality, r.decidedBy(), now,
                    letterFees(type, refused)));
            CaseDocumentEntity doc = new CaseDocumentEntity();
            doc.id = UUID.randomUUID();
            doc.caseId = c.id;
            doc.kind = "DECISION_LETTER";
            doc.fileName = letter.fileName();
            doc.mediaType = letter.mediaType();
            doc.sha256 = letter.sha256Hex();
            doc.content = letter.pdf();
            doc.createdAt = now;
            doc.persist();
            c.outcome = r.outcome();
            c.decidedAt = now;
            events.publish(c.id, new CaseDecided(c.id.toString(), c.caseType, c.officeId, r.outcome(), legalBasis,
                    doc.id.toString(), doc.sha256, now), now);
            changeStatus(c, CaseStatus.DECIDED, refused ? "Refused" : "Granted", now);
            metrics.decided(c, now);
        });
    }

    /**
     * A grant charges the case type's main fee (the first listed; the others are conditional, e.g. a fictional
     * certificate); a refusal only what is not refunded (the §81a fee).
     */
    private static List<DecisionLetter.FeeItem> letterFees(CaseTypeVersion type, boolean refused) {
        return type.fees().stream()
                .filter(f -> refused ? f.code().equals("ACCELERATED_PROCEDURE") : f == type.fees().get(0))
                .map(f -> new DecisionLetter.FeeItem((f.note() == null ? f.code() : f.note()) + " ("
                        + f.legalBasis() + ")", f.amountEur()))
                .toList();
    }

    @Transactional
    public CaseResponse withdraw(UUID caseId, long ifMatch, String key, CaseCommands.WithdrawalRequest r) {
        return execute(caseId, CaseCommand.WITHDRAW, ifMatch, key, r, (c, now) -> {
            cancelOpenInteractions(c, "WITHDRAWN", now);
            c.closedAt = now;
            changeStatus(c, CaseStatus.WITHDRAWN, r.reason(), now);
        });
    }

    @Transactional
    public CaseResponse transfer(UUID caseId, long ifMatch, String key, CaseCommands.TransferRequest r) {
        return execute(caseId, CaseCommand.TRANSFER, ifMatch, key, r, (c, now) -> {
            String to = r.toOfficeId();
            String reason = r.reason().strip();
            if (to == null && r.postalCode() == null) {
                throw CaseService.invalid(400, "invalid-request", "Invalid request", "toOfficeId",
                        "give the receiving office or the postal code of the new residence");
            }
            if (to == null) {
                RoutingResult routing = jurisdiction.route(r.postalCode(), c.caseType, type(c).competence(),
                        r.municipality(), "postalCode");
                to = routing.office().map(Office::id).orElseThrow(() -> CaseService.invalid(422,
                        "office-ambiguous", "Receiving office ambiguous", "toOfficeId",
                        routing.reason() + "; name the receiving office"));
                reason = reason + " (" + routing.reason() + ")";
            }
            Office office = jurisdiction.office(to).orElseThrow(() -> CaseService.invalid(422, "unknown-office",
                    "Unknown office", "toOfficeId", "no office " + r.toOfficeId() + " in the register"));
            if (office.id().equals(c.officeId)) {
                throw CaseService.invalid(422, "same-office", "Same office", "toOfficeId",
                        "the case is already at " + office.id());
            }
            cancelOpenInteractions(c, "TRANSFERRED", now);
            events.publish(c.id, new CaseTransferred(c.id.toString(), c.officeId, office.id(), reason, now), now);
            changeStatus(c, CaseStatus.TRANSFERRED, "To " + office.id(), now);
            c.officeId = office.id();
            c.officeLand = office.land();
            c.assignee = null;
        });
    }

    @Transactional
    public CaseResponse acceptTransfer(UUID caseId, long ifMatch, String key) {
        return execute(caseId, CaseCommand.ACCEPT_TRANSFER, ifMatch, key, "accept", (c, now) -> {
            changeStatus(c, CaseStatus.RECEIVED, "Accepted by " + c.officeId, now);
            moveOn(c, now);
        });
    }

    @Transactional
    public CaseResponse chooseOffice(UUID caseId, long ifMatch, String key, CaseCommands.OfficeChoiceRequest r) {
        return execute(caseId, CaseCommand.CHOOSE_OFFICE, ifMatch, key, r, (c, now) -> {
            if (c.candidateOffices == null || !List.of(c.candidateOffices).contains(r.officeId())) {
                throw CaseService.invalid(422, "office-not-competent", "Office not competent", "officeId",
                        "choose one of " + (c.candidateOffices == null ? "[]" : List.of(c.candidateOffices)));
            }
            c.officeId = r.officeId();
            c.officeLand = jurisdiction.office(r.officeId()).map(Office::land).orElse(null);
            c.routingReason = c.routingReason + "; office chosen: " + r.officeId();
            cases.announceOpened(c, now);
            changeStatus(c, CaseStatus.RECEIVED, "Competent office chosen", now);
        });
    }

    /**
     * The residence permit card of a granted case can be collected: tells the applicant once. A repeat (the card is
     * already recorded as ready) answers the case as it is, whatever its If-Match, and publishes nothing.
     */
    @Transactional
    public CaseResponse cardReady(UUID caseId, long ifMatch, String key, CaseCommands.CardReadyRequest r) {
        CaseEntity current = CaseEntity.lockForUpdate(caseId)
                .orElseThrow(() -> ProblemException.notFound("Case " + caseId));
        if (current.cardReadyAt != null) {
            return views.toResponse(current);
        }
        return execute(caseId, CaseCommand.CARD_READY, ifMatch, key, r, (c, now) -> {
            c.cardReadyAt = now;
            String note = r.pickupNote() == null || r.pickupNote().isBlank() ? null : r.pickupNote().strip();
            events.publish(c.id, new CardReadyForPickup(c.id.toString(), c.officeId, note, now), now);
        });
    }

    @Transactional
    public CaseResponse close(UUID caseId, long ifMatch, String key) {
        return execute(caseId, CaseCommand.CLOSE, ifMatch, key, "close", (c, now) -> {
            c.closedAt = now;
            changeStatus(c, CaseStatus.CLOSED, "Closed", now);
        });
    }

    /**
     * The frame of every command: the case exists (404), a repeated Idempotency-Key returns the case as it is now
     * (a different body under the same key is refused), the version matches If-Match (412), the status allows the
     * command (409); then the command changes the case and its version goes up by one.
     */
    private CaseResponse execute(UUID caseId, CaseCommand command, long ifMatch, String key, Object body,
            Change change) {
        CaseEntity c = CaseEntity.lockForUpdate(caseId)
                .orElseThrow(() -> ProblemException.notFound("Case " + caseId));
        String hash = key == null ? null : command + ":" + CaseService.sha256(json(body));
        if (key != null) {
            CaseCommandEntity earlier = CaseCommandEntity.findById(new CaseCommandEntity.Key(caseId, key));
            if (earlier != null) {
                if (!earlier.requestHash.equals(hash)) {
                    throw new ProblemException(Problem.typed("idempotency-key-reused", "Idempotency key reused", 422,
                            "This Idempotency-Key was already used for a different command on this case"));
                }
                return views.toResponse(c);
            }
        }
        if (c.version != ifMatch) {
            throw new ProblemException(Problem.typed("version-mismatch", "Case changed meanwhile", 412,
                    "The case is at version " + c.version + ", not " + ifMatch + ": read it again and retry")
                    .with("currentVersion", c.version));
        }
        if (!c.commands().contains(command)) {
            throw notAllowed(c, command, null);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        change.apply(c, now);
        c.version++;
        if (key != null) {
            CaseCommandEntity done = new CaseCommandEntity();
            done.caseId = caseId;
            done.idempotencyKey = key;
            done.command = command.name();
            done.requestHash = hash;
            done.resultVersion = c.version;
            done.createdAt = now;
            done.persist();
        }
        return views.toResponse(c);
    }

    @FunctionalInterface
    private interface Change {
        void apply(CaseEntity c, Instant now);
    }

    static ProblemException notAllowed(CaseEntity c, CaseCommand command, String why) {
        List<String> allowed = c.commands().stream().map(CaseCommand::path).sorted().toList();
        return new ProblemException(Problem.typed("command-not-allowed", "Command not allowed", 409,
                "The case is " + c.status + ": " + (why != null ? why : command.path() + " is not allowed now")
                        + "; allowed: " + allowed)
                .with("currentStatus", c.status.name()).with("allowedCommands", allowed));
    }

    // ---- Answers of the interaction services ------------------------------------------------------------------

    /** Applies an interaction service's event to the case; runs in the consumer's inbox transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onInteractionEvent(UUID caseId, InteractionEvent event) {
        if (event instanceof InteractionAnswered a && HANDOVER.equals(a.kind())) {
            onHandOverAnswered(caseId, a);
            return;
        }
        Optional<CaseEntity> locked = CaseEntity.lockForUpdate(caseId);
        CaseInteractionEntity i = CaseInteractionEntity.findById(parseId(event.interactionId()));
        if (locked.isEmpty() || i == null || !i.caseId.equals(caseId)) {
            return; // Not one this case asked for (or erased): the timeline has it, the process does not.
        }
        CaseEntity c = locked.get();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        boolean cancelling = "CANCELLING".equals(i.state) || "CANCELLED".equals(i.state);
        if (event instanceof InteractionDelivered d) {
            i.dueAt = d.dueAt();
            keepState(i, "DELIVERED", cancelling);
        } else if (event instanceof InteractionClaimed) {
            keepState(i, "CLAIMED", cancelling);
        } else if (event instanceof InteractionInformationRequested) {
            keepState(i, "INFORMATION_REQUESTED", cancelling);
        } else if (event instanceof InteractionEscalated) {
            keepState(i, "ESCALATED", cancelling);
        } else if (event instanceof InteractionAnswered a) {
            i.state = "ANSWERED";
            i.outcome = a.outcome();
            i.binding = a.binding();
            i.reasons = a.reasons();
            i.conditions = a.conditions() == null ? new String[0] : a.conditions().toArray(String[]::new);
            if ("REFUSED".equals(a.outcome()) && a.binding() && !cancelling && c.status.open()) {
                c.proposedOutcome = "REFUSED";
                c.proposalReason = i.kind + " refused by " + i.partnerOrganisation
                        + (a.reasons() == null ? "" : ": " + a.reasons());
                cancelOthers(c, i, now);
            }
        } else if (event instanceof InteractionDeemedGranted) {
            i.state = "DEEMED_GRANTED";
            i.outcome = "GRANTED";
        } else if (event instanceof InteractionCancellationConfirmed) {
            i.state = "CANCELLED";
        } else if (event instanceof InteractionExpired) {
            i.state = "EXPIRED";
        } else {
            return;
        }
        i.updatedAt = now;
        updateNextDeadline(c);
        moveOn(c, now);
        c.version++;
    }

    /**
     * The receiving office answered the hand-over office-transfer asked it for when the case was transferred: an
     * acceptance takes the case over as the command {@code transfer-acceptance} would; a refusal leaves the case
     * TRANSFERRED (the timeline has the reasons) for the office to transfer it on or back. An answer of an office
     * the case no longer belongs to (an earlier transfer) changes nothing.
     */
    private void onHandOverAnswered(UUID caseId, InteractionAnswered a) {
        Optional<CaseEntity> locked = CaseEntity.lockForUpdate(caseId);
        if (locked.isEmpty() || locked.get().status != CaseStatus.TRANSFERRED
                || !locked.get().officeId.equals(a.partnerOrganisation()) || !a.outcome().startsWith("ACCEPTED")) {
            return;
        }
        CaseEntity c = locked.get();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        changeStatus(c, CaseStatus.RECEIVED, "Accepted by " + c.officeId + " (hand-over " + a.outcome() + ")", now);
        moveOn(c, now);
        c.version++;
    }

    /** A late progress report on a cancelled interaction does not bring it back. */
    private static void keepState(CaseInteractionEntity i, String state, boolean cancelling) {
        if (!cancelling && !i.isFinal()) {
            i.state = state;
        }
    }

    // ---- The process ------------------------------------------------------------------------------------------

    /**
     * Moves the case on as far as it can go: a complete case asks its partners (or is ready at once when it needs
     * none), and a case whose partners have all answered and whose checklist is all ticked is ready for decision.
     */
    private void moveOn(CaseEntity c, Instant now) {
        Set<String> ticked = ChecklistItemEntity.ofCase(c.id).stream().filter(i -> i.ticked).map(i -> i.itemId)
                .collect(Collectors.toSet());
        if (!type(c).checklist().stream().allMatch(item -> ticked.contains(item.id()))) {
            return;
        }
        if (c.status.beforeConsultations()) {
            int requested = requestInteractions(c, now);
            changeStatus(c, CaseStatus.CONSULTATIONS_RUNNING,
                    "Documents complete; " + requested + " partner interaction(s) requested", now);
        }
        if (c.status == CaseStatus.CONSULTATIONS_RUNNING
                && CaseInteractionEntity.ofCase(c.id).stream().noneMatch(CaseInteractionEntity::isOpen)) {
            changeStatus(c, CaseStatus.READY_FOR_DECISION, "REFUSED".equals(c.proposedOutcome)
                    ? "Refusal proposed: " + c.proposalReason
                    : "All partners answered and the checklist is complete", now);
        }
    }

    /** One InteractionRequested per interaction the case type's version needs for this application. */
    private int requestInteractions(CaseEntity c, Instant now) {
        CaseTypeVersion type = type(c);
        int count = 0;
        for (InteractionRule rule : catalogue.requiredInteractions(type, c.application, c.nationality)) {
            CaseInteractionEntity i = new CaseInteractionEntity();
            i.id = UUID.randomUUID();
            i.caseId = c.id;
            i.kind = rule.kind();
            i.partnerOrganisation = rule.partnerOrganisation();
            i.state = "REQUESTED";
            i.silence = rule.deadline().silence();
            i.deadlineText = TimelineService.deadline(rule.deadline());
            i.requestedAt = now;
            i.updatedAt = now;
            i.conditions = new String[0];
            i.persist();
            events.publish(c.id, new InteractionRequested(i.id.toString(), c.id.toString(), c.caseType, c.officeId,
                    c.officeLand, rule.kind(), rule.partnerOrganisation(), type.accelerated(), rule.deadline(),
                    partnerData(c, rule), now), now);
            count++;
        }
        return count;
    }

    /** Only the fields the catalogue names for this partner: need-to-know. */
    private static Map<String, Object> partnerData(CaseEntity c, InteractionRule rule) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (String field : rule.dataFields()) {
            Object value = switch (field) {
                case "applicant.familyName" -> c.familyName;
                case "applicant.givenNames" -> c.givenNames;
                case "applicant.dateOfBirth" -> c.dateOfBirth == null ? null : c.dateOfBirth.toString();
                case "applicant.nationality" -> c.nationality;
                case "applicant.azrNumber" -> c.azrNumber;
                case "applicant.preferredLanguage" -> c.preferredLanguage;
                default -> c.application.get(field);
            };
            if (value != null) {
                data.put(field.startsWith("applicant.") ? field.substring(10) : field, value);
            }
        }
        return data;
    }

    private void cancelOpenInteractions(CaseEntity c, String reason, Instant now) {
        for (CaseInteractionEntity i : CaseInteractionEntity.ofCase(c.id)) {
            if (i.isOpen()) {
                cancel(c, i, reason, now);
            }
        }
        c.nextDeadlineAt = null;
    }

    private void cancelOthers(CaseEntity c, CaseInteractionEntity answered, Instant now) {
        for (CaseInteractionEntity i : CaseInteractionEntity.ofCase(c.id)) {
            if (i.isOpen() && !i.id.equals(answered.id)) {
                cancel(c, i, "NO_LONGER_NEEDED", now);
            }
        }
    }

    private void cancel(CaseEntity c, CaseInteractionEntity i, String reason, Instant now) {
        i.state = "CANCELLING";
        i.updatedAt = now;
        events.publish(c.id, new InteractionCancelled(i.id.toString(), c.id.toString(), i.kind,
                i.partnerOrganisation, reason, now), now);
    }

    private void changeStatus(CaseEntity c, CaseStatus to, String reason, Instant now) {
        CaseStatus from = c.status;
        c.status = to;
        c.statusChangedAt = now;
        if (c.officeId != null) {
            publish(c, new CaseStatusChanged(c.id.toString(), c.caseType, c.officeId, to.name(), from.name(), reason,
                    now), now);
        }
    }

    private void publish(CaseEntity c, FallnetzEvent event, Instant now) {
        events.publish(c.id, event, now);
    }

    private static void updateNextDeadline(CaseEntity c) {
        c.nextDeadlineAt = CaseInteractionEntity.ofCase(c.id).stream()
                .filter(i -> i.dueAt != null && !i.isFinal() && !"CANCELLING".equals(i.state)
                        && !"INFORMATION_REQUESTED".equals(i.state))
                .map(i -> i.dueAt).min(Comparator.naturalOrder()).orElse(null);
    }

    private void setTick(CaseEntity c, String itemId, boolean ticked, String note, Instant now) {
        type(c).checklistItem(itemId).orElseThrow(() -> unknownItem(itemId));
        ChecklistItemEntity item = ChecklistItemEntity.findById(new ChecklistItemEntity.Key(c.id, itemId));
        if (item == null) {
            item = new ChecklistItemEntity();
            item.caseId = c.id;
            item.itemId = itemId;
            item.persist();
        }
        item.ticked = ticked;
        item.note = note;
        item.changedBy = c.assignee;
        item.changedAt = now;
    }

    private CaseTypeVersion type(CaseEntity c) {
        return catalogue.version(c.caseType, c.catalogueVersion).orElseThrow(
                () -> new IllegalStateException("Catalogue version " + c.caseType + " v" + c.catalogueVersion
                        + " is gone; published versions must never be removed"));
    }

    private static CaseInteractionEntity interaction(CaseEntity c, UUID interactionId) {
        CaseInteractionEntity i = CaseInteractionEntity.findById(interactionId);
        if (i == null || !i.caseId.equals(c.id)) {
            throw ProblemException.notFound("Interaction " + interactionId + " of case " + c.id);
        }
        return i;
    }

    private static ProblemException unknownItem(String itemId) {
        return ProblemException.notFound("Checklist item " + itemId);
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return new UUID(0, 0);
        }
    }

    private byte[] json(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
