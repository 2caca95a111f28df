package de.fallnetz.gateway.ui;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.contracts.cases.CaseCommands;
import de.fallnetz.contracts.cases.CaseResponse;
import de.fallnetz.contracts.cases.OfficeStatisticsResponse;
import de.fallnetz.contracts.cases.OpenCaseRequest;
import de.fallnetz.contracts.cases.TimelineEntry;
import de.fallnetz.contracts.cases.TimelineResponse;
import de.fallnetz.contracts.cases.WorklistResponse;
import de.fallnetz.gateway.cases.CaseLifecycleClient;
import de.fallnetz.gateway.cases.CaseServiceClient;
import de.fallnetz.gateway.cases.UpstreamProblemException;

/**
 * A stand-in for case-service inside the gateway's test JVM (case-service itself cannot run in the same process): a
 * small case with two checklist items and one BA consultation, moved by the clerk's commands with If-Match and
 * Idempotency-Key as case-service does. Enabled only by {@link InMemoryCaseServiceProfile}.
 */
@Alternative
@ApplicationScoped
@RestClient
public class InMemoryCaseService implements CaseServiceClient, CaseLifecycleClient {

    static final String PDF = "%PDF-1.7\n% Bescheid (test)\n%%EOF\n";

    private final Map<String, CaseResponse> cases = new ConcurrentHashMap<>();
    private final Map<String, List<TimelineEntry>> timelines = new ConcurrentHashMap<>();
    private final Map<String, String> openedByKey = new ConcurrentHashMap<>();
    private final Set<String> appliedKeys = ConcurrentHashMap.newKeySet();
    private final ObjectMapper json = new ObjectMapper();

    // --- test controls

    /** The partner answers every open interaction of the case, as partner.events would make case-service do. */
    public void partnersAnswer(String caseId) {
        change(caseId, c -> {
            List<CaseResponse.InteractionEntry> answered = c.interactions().stream()
                    .map(i -> new CaseResponse.InteractionEntry(i.interactionId(), i.kind(), i.partnerOrganisation(),
                            "ANSWERED", i.deadline(), i.silence(), i.dueAt(), "GRANTED", true, "Zustimmung erteilt",
                            List.of()))
                    .toList();
            timeline(caseId, "de.fallnetz.interaction.answered", "ba-consent", "BA: Zustimmung erteilt");
            return with(c, "READY_FOR_DECISION", answered, null, c.documents(), c.assignee());
        });
    }

    public void clear() {
        cases.clear();
        timelines.clear();
    }

    // --- reads

    @Override
    public RestResponse<CaseResponse> open(OpenCaseRequest request, String idempotencyKey) {
        String existing = openedByKey.get(idempotencyKey);
        if (existing != null) {
            return RestResponse.ok(cases.get(existing));
        }
        if (request.officeId() == null) {
            throw problem(422, "Unprocessable Content", "no office for the postal code");
        }
        String id = UUID.randomUUID().toString();
        List<CaseResponse.ChecklistEntry> checklist = List.of(
                new CaseResponse.ChecklistEntry("passport", "Gültiger Pass", "§3 AufenthG", false, null),
                new CaseResponse.ChecklistEntry("contract", "Arbeitsvertrag", "§18g AufenthG", false, null));
        CaseResponse c = new CaseResponse(id, request.caseType(), request.officeId(), "RECEIVED", Instant.now(),
                request.applicant(), 1, 1, request.openedBy() == null ? "APPLICANT" : request.openedBy(),
                request.onBehalfOf(), new TreeMap<>(request.applicationOrEmpty()),
                new CaseResponse.Routing("10115", "postal code 10115 → district 11000 → LEA Berlin", List.of(), "BE"),
                null, checklist, List.of(), null, null, null, null, List.of(), List.of(), allowed("RECEIVED"), null);
        cases.put(id, c);
        openedByKey.put(idempotencyKey, id);
        timelines.put(id, new ArrayList<>());
        timeline(id, "de.fallnetz.case.opened", "case-service", "Fall eröffnet bei " + request.officeId());
        return RestResponse.status(RestResponse.Status.CREATED, c);
    }

    @Override
    public CaseResponse get(String caseId) {
        CaseResponse c = cases.get(caseId);
        if (c == null) {
            throw problem(404, "Not Found", "no case " + caseId);
        }
        return c;
    }

    @Override
    public TimelineResponse timeline(String caseId) {
        get(caseId);
        return new TimelineResponse(caseId, List.copyOf(timelines.get(caseId)));
    }

    @Override
    public WorklistResponse worklist(String officeId, String status, String assignee, Boolean unassigned,
            Boolean overdue, String caseType, String text, LocalDate dateOfBirth, Boolean includeFinished,
            String after, Integer limit) {
        List<CaseResponse> matching = cases.values().stream().filter(c -> officeId.equals(c.officeId()))
                .filter(c -> dateOfBirth == null || dateOfBirth.equals(c.applicant().dateOfBirth()))
                .filter(c -> !Boolean.TRUE.equals(overdue)
                        || c.nextDeadlineAt() != null && c.nextDeadlineAt().isBefore(Instant.now()))
                .filter(c -> assignee == null || assignee.equals(c.assignee()))
                .filter(c -> !Boolean.TRUE.equals(unassigned) || c.assignee() == null)
                .filter(c -> text == null || c.caseId().equals(text)
                        || c.applicant().familyName().toLowerCase().startsWith(text.toLowerCase()))
                .toList();
        Map<String, Long> counts = new LinkedHashMap<>();
        matching.forEach(c -> counts.merge(c.status(), 1L, Long::sum));
        List<WorklistResponse.Item> items = matching.stream().filter(c -> status == null || status.equals(c.status()))
                .sorted(Comparator.comparing(CaseResponse::nextDeadlineAt,
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .map(c -> new WorklistResponse.Item(c.caseId(), c.caseType(), c.officeId(), c.status(),
                        c.applicant().familyName(), c.applicant().givenNames(), c.assignee(), c.openedAt(),
                        c.nextDeadlineAt(), c.nextDeadlineAt() != null && c.nextDeadlineAt().isBefore(Instant.now())))
                .toList();
        return new WorklistResponse(items, null, counts);
    }

    /** Counted the way case-service counts, for the office of the first case (the tests use one office). */
    @Override
    public OfficeStatisticsResponse statistics() {
        List<CaseResponse> open = cases.values().stream()
                .filter(c -> !List.of("DECIDED", "CLOSED", "WITHDRAWN", "TRANSFERRED").contains(c.status())).toList();
        Map<String, long[]> perClerk = new TreeMap<>();
        open.forEach(c -> {
            long[] n = perClerk.computeIfAbsent(c.assignee() == null ? "" : c.assignee(), k -> new long[2]);
            n[0]++;
            n[1] += c.nextDeadlineAt() != null && c.nextDeadlineAt().isBefore(Instant.now()) ? 1 : 0;
        });
        List<OfficeStatisticsResponse.ClerkBacklog> backlog = perClerk.entrySet().stream()
                .map(e -> new OfficeStatisticsResponse.ClerkBacklog(e.getKey().isEmpty() ? null : e.getKey(),
                        e.getValue()[0], e.getValue()[1]))
                .toList();
        long deemed = open.stream().flatMap(c -> c.interactions().stream())
                .filter(i -> "DEEMED_GRANTED".equals(i.state())).count();
        return new OfficeStatisticsResponse("abh-berlin", Instant.now(), backlog,
                backlog.stream().mapToLong(OfficeStatisticsResponse.ClerkBacklog::overdue).sum(), cases.size(),
                cases.values().stream().filter(c -> "DECIDED".equals(c.status())).count(), deemed, deemed);
    }

    @Override
    public RestResponse<byte[]> document(String caseId, String documentId) {
        CaseResponse c = get(caseId);
        if (c.documents().stream().noneMatch(d -> d.documentId().equals(documentId))) {
            throw problem(404, "Not Found", "no document " + documentId);
        }
        return RestResponse.ResponseBuilder.ok(PDF.getBytes(StandardCharsets.US_ASCII), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"bescheid.pdf\"").build();
    }

    @Override
    public JsonNode caseTypes() {
        return read("[{\"code\":\"BLUE_CARD\",\"title\":\"Blaue Karte EU\",\"titleEn\":\"EU Blue Card\","
                + "\"currentVersion\":1}]");
    }

    @Override
    public JsonNode caseTypeVersion(String code, String version) {
        return read("{\"code\":\"BLUE_CARD\",\"version\":1,\"fields\":["
                + "{\"name\":\"postalCode\",\"type\":\"POSTAL_CODE\",\"required\":true,\"label\":\"Postleitzahl des Wohnorts\"},"
                + "{\"name\":\"employer\",\"type\":\"STRING\",\"required\":true,\"label\":\"Arbeitgeber\"},"
                + "{\"name\":\"grossAnnualSalaryEur\",\"type\":\"MONEY\",\"required\":true,\"label\":\"Bruttojahresgehalt in Euro\"},"
                + "{\"name\":\"salaryBand\",\"type\":\"ENUM\",\"required\":true,\"label\":\"Gehaltsschwelle\",\"allowed\":[\"GENERAL\",\"REDUCED\"]},"
                + "{\"name\":\"firstIssue\",\"type\":\"BOOLEAN\",\"required\":false,\"label\":\"Ersterteilung\"}]}");
    }

    @Override
    public JsonNode jurisdiction(String postalCode, String caseType, String municipality) {
        if ("10115".equals(postalCode)) {
            return read("{\"postalCode\":\"10115\",\"office\":{\"id\":\"abh-berlin\",\"name\":\"Landesamt für "
                    + "Einwanderung (LEA) Berlin\",\"land\":\"BE\"},\"candidates\":[],\"reason\":\"postal code 10115 → "
                    + "district 11000 → Landesamt für Einwanderung (LEA) Berlin\"}");
        }
        if ("21039".equals(postalCode)) {
            return read("{\"postalCode\":\"21039\",\"office\":null,\"candidates\":[{\"id\":\"abh-hamburg\",\"name\":"
                    + "\"Amt für Migration Hamburg\"},{\"id\":\"abh-herzogtum-lauenburg\",\"name\":\"Kreis Herzogtum "
                    + "Lauenburg\"}],\"reason\":\"postal code 21039 spans districts 02000, 01053\"}");
        }
        throw problem(422, "Unprocessable Content", "unknown postal code " + postalCode);
    }

    // --- commands

    @Override
    public RestResponse<CaseResponse> assign(String caseId, String ifMatch, String key,
            CaseCommands.AssignRequest body) {
        return command(caseId, "assignment", ifMatch, key,
                c -> with(c, c.status(), c.interactions(), c.outcome(), c.documents(), body.assignee()));
    }

    @Override
    public RestResponse<CaseResponse> tick(String caseId, String itemId, String ifMatch, String key,
            CaseCommands.ChecklistChangeRequest body) {
        return command(caseId, "tick", ifMatch, key, c -> {
            List<CaseResponse.ChecklistEntry> checklist = c.checklist().stream()
                    .map(i -> i.id().equals(itemId) ? new CaseResponse.ChecklistEntry(i.id(), i.title(),
                            i.legalReason(), true, body.note()) : i)
                    .toList();
            boolean complete = checklist.stream().allMatch(CaseResponse.ChecklistEntry::ticked);
            CaseResponse ticked = new CaseResponse(c.caseId(), c.caseType(), c.officeId(),
                    complete ? "CONSULTATIONS_RUNNING" : "COMPLETENESS_CHECK", c.openedAt(), c.applicant(),
                    c.catalogueVersion(), c.version(), c.openedBy(), c.onBehalfOf(), c.application(), c.routing(),
                    c.assignee(), checklist, c.interactions(), null, null, null, null, c.documents(), List.of(),
                    c.allowedCommands(), c.nextDeadlineAt());
            if (!complete) {
                return with(ticked, "COMPLETENESS_CHECK", c.interactions(), null, c.documents(), c.assignee());
            }
            timeline(caseId, "de.fallnetz.case.interaction-requested", "case-service",
                    "Zustimmung der Bundesagentur für Arbeit angefragt");
            List<CaseResponse.InteractionEntry> ba = List.of(new CaseResponse.InteractionEntry(
                    UUID.randomUUID().toString(), "BA_CONSENT", "ba-zav", "DELIVERED", "2 Wochen (§36 Abs. 2 BeschV)",
                    "Zustimmung gilt als erteilt", Instant.now().plus(Duration.ofDays(14)), null, false, null,
                    List.of()));
            return with(ticked, "CONSULTATIONS_RUNNING", ba, null, c.documents(), c.assignee());
        });
    }

    @Override
    public RestResponse<CaseResponse> untick(String caseId, String itemId, String ifMatch, String key,
            CaseCommands.ChecklistChangeRequest body) {
        throw problem(409, "Conflict", "not in this stand-in");
    }

    @Override
    public RestResponse<CaseResponse> requestDocuments(String caseId, String ifMatch, String key,
            CaseCommands.DocumentsRequest body) {
        return command(caseId, "document-requests", ifMatch, key,
                c -> with(c, "DOCUMENTS_REQUESTED", c.interactions(), null, c.documents(), c.assignee()));
    }

    @Override
    public RestResponse<CaseResponse> supplyInformation(String caseId, String interactionId, String ifMatch,
            String key, CaseCommands.SupplyInformationRequest body) {
        throw problem(409, "Conflict", "not in this stand-in");
    }

    @Override
    public RestResponse<CaseResponse> hearing(String caseId, String ifMatch, String key,
            CaseCommands.HearingRequest body) {
        return command(caseId, "hearing", ifMatch, key,
                c -> with(c, "HEARING", c.interactions(), null, c.documents(), c.assignee()));
    }

    @Override
    public RestResponse<CaseResponse> decide(String caseId, String ifMatch, String key,
            CaseCommands.DecisionRequest body) {
        return command(caseId, "decision", ifMatch, key, c -> {
            timeline(caseId, "de.fallnetz.case.decided", "case-service", "Entschieden: " + body.outcome());
            List<CaseResponse.DocumentEntry> letter = List.of(new CaseResponse.DocumentEntry(
                    UUID.randomUUID().toString(), "DECISION_LETTER", "bescheid.pdf", "application/pdf", "00ff",
                    Instant.now()));
            return with(c, "DECIDED", c.interactions(), body.outcome(), letter, c.assignee());
        });
    }

    @Override
    public RestResponse<CaseResponse> withdraw(String caseId, String ifMatch, String key,
            CaseCommands.WithdrawalRequest body) {
        return command(caseId, "withdrawal", ifMatch, key,
                c -> with(c, "WITHDRAWN", c.interactions(), null, c.documents(), c.assignee()));
    }

    @Override
    public RestResponse<CaseResponse> transfer(String caseId, String ifMatch, String key,
            CaseCommands.TransferRequest body) {
        return command(caseId, "transfer", ifMatch, key,
                c -> with(c, "TRANSFERRED", c.interactions(), null, c.documents(), c.assignee()));
    }

    @Override
    public RestResponse<CaseResponse> acceptTransfer(String caseId, String ifMatch, String key) {
        return command(caseId, "transfer-acceptance", ifMatch, key,
                c -> with(c, "RECEIVED", c.interactions(), null, c.documents(), c.assignee()));
    }

    @Override
    public RestResponse<CaseResponse> chooseOffice(String caseId, String ifMatch, String key,
            CaseCommands.OfficeChoiceRequest body) {
        return command(caseId, "office", ifMatch, key,
                c -> with(c, "RECEIVED", c.interactions(), null, c.documents(), c.assignee()));
    }

    @Override
    public RestResponse<CaseResponse> close(String caseId, String ifMatch, String key) {
        return command(caseId, "closure", ifMatch, key,
                c -> with(c, "CLOSED", c.interactions(), c.outcome(), c.documents(), c.assignee()));
    }

    @Override
    public RestResponse<CaseResponse> cardReady(String caseId, String ifMatch, String key,
            CaseCommands.CardReadyRequest body) {
        CaseResponse current = get(caseId);
        if ("GRANTED".equals(current.outcome()) && !current.allowedCommands().contains("card-ready")) {
            return RestResponse.ok(current); // told already: the same answer, as case-service gives
        }
        return command(caseId, "card-ready", ifMatch, key, c -> {
            timeline(caseId, "de.fallnetz.case.card-ready-for-pickup", "case-service", "Karte abholbereit");
            CaseResponse next = with(c, c.status(), c.interactions(), c.outcome(), c.documents(), c.assignee());
            return new CaseResponse(next.caseId(), next.caseType(), next.officeId(), next.status(), next.openedAt(),
                    next.applicant(), next.catalogueVersion(), next.version(), next.openedBy(), next.onBehalfOf(),
                    next.application(), next.routing(), next.assignee(), next.checklist(), next.interactions(), null,
                    null, next.outcome(), next.decidedAt(), next.documents(), List.of(),
                    next.allowedCommands().stream().filter(a -> !"card-ready".equals(a)).toList(),
                    next.nextDeadlineAt());
        });
    }

    /** Puts a case straight into DECIDED with the outcome, for tests of what follows a decision. */
    public void decided(String caseId, String outcome) {
        change(caseId, c -> with(c, "DECIDED", c.interactions(), outcome, c.documents(), c.assignee()));
    }

    // --- the rules the stand-in shares with case-service: If-Match, Idempotency-Key, allowed commands

    private synchronized RestResponse<CaseResponse> command(String caseId, String command, String ifMatch, String key,
            UnaryOperator<CaseResponse> apply) {
        CaseResponse c = get(caseId);
        if (key != null && appliedKeys.contains(caseId + key)) {
            return RestResponse.ok(c);
        }
        if (ifMatch == null) {
            throw problem(428, "Precondition Required", "If-Match missing");
        }
        if (!ifMatch.equals("\"" + c.version() + "\"")) {
            throw problem(412, "Precondition Failed", "The case has changed meanwhile (version " + c.version() + ")");
        }
        if (!c.allowedCommands().contains(command)) {
            throw problem(409, "Conflict", command + " is not allowed in status " + c.status());
        }
        CaseResponse changed = apply.apply(c);
        cases.put(caseId, changed);
        if (key != null) {
            appliedKeys.add(caseId + key);
        }
        return RestResponse.ResponseBuilder.ok(changed).header("ETag", "\"" + changed.version() + "\"").build();
    }

    private synchronized void change(String caseId, UnaryOperator<CaseResponse> apply) {
        cases.put(caseId, apply.apply(get(caseId)));
    }

    private static CaseResponse with(CaseResponse c, String status, List<CaseResponse.InteractionEntry> interactions,
            String outcome, List<CaseResponse.DocumentEntry> documents, String assignee) {
        Instant next = interactions.stream().filter(i -> !"ANSWERED".equals(i.state()))
                .map(CaseResponse.InteractionEntry::dueAt).filter(java.util.Objects::nonNull).min(Instant::compareTo)
                .orElse(null);
        return new CaseResponse(c.caseId(), c.caseType(), c.officeId(), status, c.openedAt(), c.applicant(),
                c.catalogueVersion(), c.version() + 1, c.openedBy(), c.onBehalfOf(), c.application(), c.routing(),
                assignee, c.checklist(), interactions, null, null, outcome,
                outcome == null ? null : Instant.now(), documents, List.of(), allowed(status, outcome), next);
    }

    private static List<String> allowed(String status, String outcome) {
        List<String> allowed = new java.util.ArrayList<>(allowed(status));
        if (("DECIDED".equals(status) || "CLOSED".equals(status)) && "GRANTED".equals(outcome)) {
            allowed.add("card-ready");
        }
        return allowed;
    }

    private static List<String> allowed(String status) {
        switch (status) {
            case "RECEIVED":
            case "COMPLETENESS_CHECK":
            case "DOCUMENTS_REQUESTED":
                return List.of("assignment", "document-requests", "tick", "transfer", "untick", "withdrawal");
            case "CONSULTATIONS_RUNNING":
                return List.of("assignment", "tick", "transfer", "untick", "withdrawal");
            case "READY_FOR_DECISION":
                return List.of("assignment", "decision", "hearing", "tick", "transfer", "untick", "withdrawal");
            case "HEARING":
                return List.of("assignment", "decision", "transfer", "withdrawal");
            case "DECIDED":
                return List.of("closure");
            case "TRANSFERRED":
                return List.of("transfer-acceptance");
            default:
                return List.of();
        }
    }

    private void timeline(String caseId, String type, String source, String summary) {
        timelines.get(caseId).add(new TimelineEntry(UUID.randomUUID().toString(), type, source, Instant.now(),
                summary));
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static UpstreamProblemException problem(int status, String title, String detail) {
        return new UpstreamProblemException(status, MediaType.valueOf("application/problem+json"),
                "{\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }
}
