package de.fallnetz.gateway.ui;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import de.fallnetz.contracts.cases.CaseResponse;
import de.fallnetz.contracts.cases.OfficeStatisticsResponse;
import de.fallnetz.contracts.cases.TimelineEntry;
import de.fallnetz.contracts.cases.WorklistResponse;
import de.fallnetz.gateway.cases.CaseLifecycleClient;
import de.fallnetz.gateway.cases.CaseServiceClient;
import de.fallnetz.gateway.cases.CaseServiceUnavailableException;
import de.fallnetz.gateway.cases.UpstreamProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The clerks' pages that read: worklist, case page with its live part, search, team-lead view, documents. Every read
 * of personal data is audited under the signed-in clerk before it is made, as on the REST API.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ CurrentClerk.CLERK, CurrentClerk.TEAM_LEAD })
public class ClerkUiResource {

    static final List<String> STATUS_ORDER = List.of("WAITING_FOR_JURISDICTION", "RECEIVED", "COMPLETENESS_CHECK",
            "DOCUMENTS_REQUESTED", "CONSULTATIONS_RUNNING", "READY_FOR_DECISION", "HEARING", "TRANSFERRED", "DECIDED",
            "CLOSED", "WITHDRAWN");
    private static final int PAGE_SIZE = 50;

    @CheckedTemplate(basePath = "ui")
    static class Templates {
        static native TemplateInstance worklist(Page page, UiViews.Worklist list);

        static native TemplateInstance casePage(Page page, UiViews.CasePage view);

        static native TemplateInstance live(UiViews.Live live);

        static native TemplateInstance search(Page page, String q, String dob, List<WorklistResponse.Item> items,
                boolean searched);

        static native TemplateInstance team(Page page, UiViews.Team team);

        static native TemplateInstance error(Page page, int status);
    }

    private final CaseServiceClient cases;
    private final CaseLifecycleClient lifecycle;
    private final CurrentClerk clerk;
    private final UiSupport ui;

    public ClerkUiResource(@RestClient CaseServiceClient cases, @RestClient CaseLifecycleClient lifecycle,
            CurrentClerk clerk, UiSupport ui) {
        this.cases = cases;
        this.lifecycle = lifecycle;
        this.clerk = clerk;
        this.ui = ui;
    }

    @GET
    public Response worklist(@QueryParam("view") @DefaultValue("office") String view,
            @QueryParam("status") String status, @QueryParam("overdue") boolean overdue, @QueryParam("q") String text,
            @QueryParam("after") String after) {
        if (clerk.officeId().isEmpty()) {
            return noOffice();
        }
        String chosenView = view != null && List.of("mine", "office", "unassigned").contains(view) ? view : "office";
        String chosenStatus = status != null && STATUS_ORDER.contains(status) ? status : null;
        String chosenText = text == null || text.isBlank() ? null : text.strip();
        WorklistResponse page = lifecycle.worklist(clerk.officeId().get(), chosenStatus,
                "mine".equals(chosenView) ? clerk.userId() : null, "unassigned".equals(chosenView) ? true : null,
                overdue ? true : null, null, chosenText, null, null, after, PAGE_SIZE);
        ui.auditAll("worklist.read", page.items().stream().map(WorklistResponse.Item::caseId).toList());
        String next = page.nextCursor() == null ? null
                : "/ui?view=" + chosenView + (chosenStatus == null ? "" : "&status=" + chosenStatus)
                        + (overdue ? "&overdue=true" : "") + "&after="
                        + java.net.URLEncoder.encode(page.nextCursor(), java.nio.charset.StandardCharsets.UTF_8)
                        + (chosenText == null ? ""
                                : "&q=" + java.net.URLEncoder.encode(chosenText,
                                        java.nio.charset.StandardCharsets.UTF_8));
        UiViews.Worklist list = new UiViews.Worklist(chosenView, chosenStatus, overdue, chosenText, page.items(),
                counts(page.countsByStatus()), next);
        return ui.html(200, Templates.worklist(ui.page(), list));
    }

    @GET
    @Path("cases/{caseId}")
    public Response casePage(@PathParam("caseId") String caseId, @QueryParam("done") String done) {
        UiViews.CasePage view = readCase(caseId);
        Page page = ui.page();
        if (done != null) {
            page = page.withNotice(ui.messages().done(doneText(done)));
        }
        return ui.html(200, Templates.casePage(page, view));
    }

    /**
     * The live part of a case page, polled by htmx: 204 (nothing to swap) while nothing changed since version
     * {@code v} with {@code n} timeline entries; otherwise the new part, which the page announces.
     */
    @GET
    @Path("cases/{caseId}/live")
    public Response live(@PathParam("caseId") String caseId, @QueryParam("v") long version,
            @QueryParam("n") int entries) {
        requireCaseId(caseId);
        List<TimelineEntry> timeline = cases.timeline(caseId).entries();
        CaseResponse c = cases.get(caseId);
        if (c.version() == version && timeline.size() == entries) {
            return Response.noContent().build();
        }
        ui.audit("case.read", caseId);
        UiViews.Live live = new UiViews.Live(c, timeline, Math.max(0, timeline.size() - entries),
                c.version() != version);
        return ui.html(200, Templates.live(live));
    }

    @GET
    @Path("cases/{caseId}/documents/{documentId}")
    @Produces({ "application/pdf", MediaType.TEXT_HTML })
    public Response document(@PathParam("caseId") String caseId, @PathParam("documentId") String documentId) {
        requireCaseId(caseId);
        requireCaseId(documentId);
        ui.audit("document.read", caseId);
        RestResponse<byte[]> doc = lifecycle.document(caseId, documentId);
        return Response.ok(doc.getEntity(), doc.getMediaType())
                .header("Content-Disposition", doc.getHeaderString("Content-Disposition")).build();
    }

    @GET
    @Path("search")
    public Response search(@QueryParam("q") String q, @QueryParam("dob") String dob) {
        if (clerk.officeId().isEmpty()) {
            return noOffice();
        }
        String text = q == null ? "" : q.strip();
        String day = dob == null ? "" : dob.strip();
        LocalDate dateOfBirth = null;
        if (!day.isEmpty()) {
            try {
                dateOfBirth = LocalDate.parse(day);
            } catch (DateTimeParseException e) {
                return ui.html(400, Templates.search(ui.page().withError(ui.messages().invalid_date()), text, day,
                        List.of(), false));
            }
        }
        if ((text.isEmpty() && dateOfBirth == null) || text.length() > 100) {
            return ui.html(200, Templates.search(ui.page(), text, day, List.of(), false));
        }
        WorklistResponse found = lifecycle.worklist(clerk.officeId().get(), null, null, null, null, null,
                text.isEmpty() ? null : text, dateOfBirth, true, null, PAGE_SIZE);
        ui.auditAll("worklist.read", found.items().stream().map(WorklistResponse.Item::caseId).toList());
        return ui.html(200, Templates.search(ui.page(), text, day, found.items(), true));
    }

    /**
     * The team lead's view: case-service's figures of the office (backlog per clerk, overdue, last 30 days, deemed
     * consents) and the overdue cases themselves (names: audited).
     */
    @GET
    @Path("team")
    @RolesAllowed(CurrentClerk.TEAM_LEAD)
    public Response team() {
        if (clerk.officeId().isEmpty()) {
            return noOffice();
        }
        OfficeStatisticsResponse figures = lifecycle.statistics();
        WorklistResponse overdue = lifecycle.worklist(clerk.officeId().get(), null, null, null, true, null, null,
                null, null, null, 100);
        ui.auditAll("worklist.read", overdue.items().stream().map(WorklistResponse.Item::caseId).toList());
        List<UiViews.ClerkBacklog> backlog = figures.backlog().stream()
                .map(b -> new UiViews.ClerkBacklog(b.assignee() == null ? "" : b.assignee(), b.open(), b.overdue()))
                .toList();
        return ui.html(200, Templates.team(ui.page(), new UiViews.Team(backlog, overdue.items(),
                overdue.nextCursor() == null, figures)));
    }

    /** The language switch: remembers the choice in a cookie and goes back to the page it was chosen on. */
    @GET
    @Path("language")
    public Response language(@QueryParam("lang") String lang, @QueryParam("return") String back) {
        String chosen = lang != null && UiLocale.SUPPORTED.contains(lang) ? lang : "de";
        // Only a path of this application, never another site (no open redirect).
        String target = back != null && back.startsWith("/ui") && !back.startsWith("//") ? back : "/ui";
        NewCookie cookie = new NewCookie.Builder(UiLocale.COOKIE).value(chosen).path("/").maxAge(31_536_000)
                .httpOnly(true).sameSite(NewCookie.SameSite.LAX).build();
        return Response.seeOther(URI.create(target)).cookie(cookie).build();
    }

    UiViews.CasePage readCase(String caseId) {
        requireCaseId(caseId);
        ui.audit("case.read", caseId);
        CaseResponse c = cases.get(caseId);
        List<TimelineEntry> timeline = cases.timeline(caseId).entries();
        boolean deemed = c.interactions() != null
                && c.interactions().stream().anyMatch(i -> "DEEMED_GRANTED".equals(i.state()));
        return new UiViews.CasePage(c, timeline, UUID.randomUUID().toString(), deemed,
                c.application() == null ? Map.of() : new java.util.TreeMap<>(c.application()));
    }

    private String doneText(String done) {
        UiMessages m = ui.messages();
        switch (done) {
            case "opened":
                return m.open_case();
            case "assignment":
                return m.assign();
            case "tick":
                return m.checklist();
            case "document-requests":
                return m.request_documents();
            case "hearing":
                return m.hearing();
            case "decision":
                return m.confirm_decision();
            case "withdrawal":
                return m.withdraw();
            case "transfer":
                return m.transfer();
            case "transfer-acceptance":
                return m.accept_transfer();
            case "office":
                return m.choose_office();
            case "closure":
                return m.close_case();
            case "card-ready":
                return m.card_ready();
            default:
                return "";
        }
    }

    private static List<UiViews.StatusCount> counts(Map<String, Long> counts) {
        List<UiViews.StatusCount> result = new ArrayList<>();
        if (counts != null) {
            STATUS_ORDER.stream().filter(counts::containsKey)
                    .forEach(s -> result.add(new UiViews.StatusCount(s, counts.get(s))));
        }
        return result;
    }

    private Response noOffice() {
        return ui.html(403, Templates.error(ui.page().withError(ui.messages().no_office()), 403));
    }

    static void requireCaseId(String id) {
        if (!UiSupport.CASE_ID.matcher(id).matches()) {
            throw new UpstreamProblemException(404, MediaType.APPLICATION_JSON_TYPE,
                    "{\"title\":\"Not Found\",\"status\":404}");
        }
    }

    @ServerExceptionMapper
    public Response problem(UpstreamProblemException e) {
        return ui.html(e.status(), Templates.error(ui.page().withError(ui.problemText(e.body())), e.status()));
    }

    @ServerExceptionMapper({ CaseServiceUnavailableException.class, ProcessingException.class,
            TimeoutException.class })
    public Response unavailable(Exception e) {
        return ui.html(503, Templates.error(ui.page(), 503));
    }
}
