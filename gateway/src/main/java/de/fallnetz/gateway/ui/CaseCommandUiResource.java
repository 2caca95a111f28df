package de.fallnetz.gateway.ui;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import de.fallnetz.contracts.cases.CaseCommands;
import de.fallnetz.contracts.cases.CaseResponse;
import de.fallnetz.gateway.cases.CaseLifecycleClient;
import de.fallnetz.gateway.cases.CaseServiceClient;
import de.fallnetz.gateway.cases.CaseServiceUnavailableException;
import de.fallnetz.gateway.cases.UpstreamProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The clerk's commands as HTML forms. Each form carries the case version it was rendered with (sent as
 * {@code If-Match}, so a command on a case someone else changed meanwhile is refused, not applied blindly) and a key
 * made when the page was rendered (the {@code Idempotency-Key}: a form sent twice applies once). Success redirects to
 * the case page (post/redirect/get); a refusal shows the case page again with case-service's reason.
 */
@Path("/ui")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ CurrentClerk.CLERK, CurrentClerk.TEAM_LEAD })
public class CaseCommandUiResource {

    private static final ZoneId OFFICE_ZONE = ZoneId.of("Europe/Berlin");

    @CheckedTemplate(basePath = "ui")
    static class Templates {
        static native TemplateInstance decisionPreview(UiViews.DecisionPreview preview);
    }

    private final CaseLifecycleClient cases;
    private final CaseServiceClient reads;
    private final ClerkUiResource pages;
    private final CurrentClerk clerk;
    private final UiSupport ui;

    public CaseCommandUiResource(@RestClient CaseLifecycleClient cases, @RestClient CaseServiceClient reads,
            ClerkUiResource pages, CurrentClerk clerk, UiSupport ui) {
        this.cases = cases;
        this.reads = reads;
        this.pages = pages;
        this.clerk = clerk;
        this.ui = ui;
    }

    @POST
    @Path("cases/{caseId}/assignment")
    public Response assign(@PathParam("caseId") String caseId, @FormParam("version") String version,
            @FormParam("formKey") String formKey, @FormParam("assignee") String assignee) {
        String who = assignee == null || assignee.isBlank() ? clerk.userId() : assignee.strip();
        return run(caseId, "assignment", version, formKey, "",
                (ifMatch, key) -> cases.assign(caseId, ifMatch, key, new CaseCommands.AssignRequest(who)));
    }

    @POST
    @Path("cases/{caseId}/checklist/{itemId}/tick")
    public Response tick(@PathParam("caseId") String caseId, @PathParam("itemId") String itemId,
            @FormParam("version") String version, @FormParam("formKey") String formKey,
            @FormParam("note") String note) {
        return run(caseId, "tick", version, formKey, itemId, (ifMatch, key) -> cases.tick(caseId, itemId, ifMatch,
                key, new CaseCommands.ChecklistChangeRequest(blankToNull(note))));
    }

    @POST
    @Path("cases/{caseId}/document-requests")
    public Response requestDocuments(@PathParam("caseId") String caseId, @FormParam("version") String version,
            @FormParam("formKey") String formKey, @FormParam("itemIds") List<String> itemIds,
            @FormParam("note") String note, @FormParam("dueDate") String dueDate) {
        return run(caseId, "document-requests", version, formKey, "", (ifMatch, key) -> cases.requestDocuments(caseId,
                ifMatch, key, new CaseCommands.DocumentsRequest(itemIds, blankToNull(note), date(dueDate))));
    }

    @POST
    @Path("cases/{caseId}/hearing")
    public Response hearing(@PathParam("caseId") String caseId, @FormParam("version") String version,
            @FormParam("formKey") String formKey, @FormParam("heardAt") String heardAt,
            @FormParam("statement") String statement) {
        return run(caseId, "hearing", version, formKey, "", (ifMatch, key) -> cases.hearing(caseId, ifMatch, key,
                new CaseCommands.HearingRequest(day(heardAt), blankToNull(statement))));
    }

    @POST
    @Path("cases/{caseId}/decision")
    public Response decide(@PathParam("caseId") String caseId, @FormParam("version") String version,
            @FormParam("formKey") String formKey, @FormParam("outcome") String outcome,
            @FormParam("reasons") String reasons, @FormParam("legalBasis") String legalBasis,
            @FormParam("conditions") String conditions) {
        CaseCommands.DecisionRequest decision = new CaseCommands.DecisionRequest(outcome, blankToNull(reasons),
                blankToNull(legalBasis), lines(conditions), clerk.userId());
        return run(caseId, "decision", version, formKey, "",
                (ifMatch, key) -> cases.decide(caseId, ifMatch, key, decision));
    }

    /** The decision letter's content as it will be issued, shown beside the form before the clerk confirms. */
    @POST
    @Path("cases/{caseId}/decision/preview")
    public TemplateInstance previewDecision(@PathParam("caseId") String caseId, @FormParam("outcome") String outcome,
            @FormParam("reasons") String reasons, @FormParam("legalBasis") String legalBasis,
            @FormParam("conditions") String conditions) {
        ClerkUiResource.requireCaseId(caseId);
        ui.audit("case.read", caseId);
        CaseResponse c = reads.get(caseId);
        String chosen = "REFUSED".equals(outcome) ? "REFUSED" : "GRANTED";
        return ui.localized(Templates.decisionPreview(new UiViews.DecisionPreview(c, chosen, blankToNull(reasons),
                blankToNull(legalBasis), lines(conditions), clerk.displayName())));
    }

    @POST
    @Path("cases/{caseId}/withdrawal")
    public Response withdraw(@PathParam("caseId") String caseId, @FormParam("version") String version,
            @FormParam("formKey") String formKey, @FormParam("reason") String reason) {
        return run(caseId, "withdrawal", version, formKey, "", (ifMatch, key) -> cases.withdraw(caseId, ifMatch, key,
                new CaseCommands.WithdrawalRequest(blankToNull(reason))));
    }

    @POST
    @Path("cases/{caseId}/transfer")
    public Response transfer(@PathParam("caseId") String caseId, @FormParam("version") String version,
            @FormParam("formKey") String formKey, @FormParam("toOfficeId") String toOfficeId,
            @FormParam("postalCode") String postalCode, @FormParam("reason") String reason) {
        return run(caseId, "transfer", version, formKey, "", (ifMatch, key) -> cases.transfer(caseId, ifMatch, key,
                new CaseCommands.TransferRequest(blankToNull(toOfficeId), blankToNull(postalCode), null,
                        blankToNull(reason))));
    }

    @POST
    @Path("cases/{caseId}/transfer-acceptance")
    public Response acceptTransfer(@PathParam("caseId") String caseId, @FormParam("version") String version,
            @FormParam("formKey") String formKey) {
        return run(caseId, "transfer-acceptance", version, formKey, "",
                (ifMatch, key) -> cases.acceptTransfer(caseId, ifMatch, key));
    }

    @POST
    @Path("cases/{caseId}/office")
    public Response chooseOffice(@PathParam("caseId") String caseId, @FormParam("version") String version,
            @FormParam("formKey") String formKey, @FormParam("officeId") String officeId) {
        return run(caseId, "office", version, formKey, "", (ifMatch, key) -> cases.chooseOffice(caseId, ifMatch, key,
                new CaseCommands.OfficeChoiceRequest(blankToNull(officeId))));
    }

    @POST
    @Path("cases/{caseId}/closure")
    public Response close(@PathParam("caseId") String caseId, @FormParam("version") String version,
            @FormParam("formKey") String formKey) {
        return run(caseId, "closure", version, formKey, "", (ifMatch, key) -> cases.close(caseId, ifMatch, key));
    }

    @POST
    @Path("cases/{caseId}/card-ready")
    public Response cardReady(@PathParam("caseId") String caseId, @FormParam("version") String version,
            @FormParam("formKey") String formKey, @FormParam("pickupNote") String pickupNote) {
        return run(caseId, "card-ready", version, formKey, "", (ifMatch, key) -> cases.cardReady(caseId, ifMatch, key,
                new CaseCommands.CardReadyRequest(blankToNull(pickupNote))));
    }

    interface Command {
        RestResponse<CaseResponse> send(String ifMatch, String idempotencyKey);
    }

    private Response run(String caseId, String command, String version, String formKey, String item, Command call) {
        ClerkUiResource.requireCaseId(caseId);
        if (version == null || !version.matches("[0-9]{1,18}") || formKey == null
                || !UiSupport.CASE_ID.matcher(formKey).matches()) {
            return refused(caseId, 400, ui.messages().reload());
        }
        // One key per form and command (and checklist item), the same however often the form is sent.
        String key = UUID.nameUUIDFromBytes((formKey + "|" + command + "|" + item).getBytes(StandardCharsets.UTF_8))
                .toString();
        try {
            call.send("\"" + version + "\"", key);
        } catch (UpstreamProblemException e) {
            return refused(caseId, e.status(), ui.problemText(e.body()));
        } catch (IllegalArgumentException e) {
            return refused(caseId, 400, e.getMessage());
        }
        return Response.seeOther(URI.create("/ui/cases/" + caseId + "?done=" + command)).build();
    }

    private Response refused(String caseId, int status, String reason) {
        UiViews.CasePage view = pages.readCase(caseId);
        Page page = ui.page().withError(reason);
        return ui.html(status, ClerkUiResource.Templates.casePage(page, view));
    }

    private static java.time.Instant day(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(date.strip());
            return day.atStartOfDay(OFFICE_ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("heardAt: " + date);
        }
    }

    private static LocalDate date(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("dueDate: " + date);
        }
    }

    private static List<String> lines(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    @ServerExceptionMapper({ CaseServiceUnavailableException.class, ProcessingException.class,
            TimeoutException.class })
    public Response unavailable(Exception e) {
        return ui.html(503, ClerkUiResource.Templates.error(ui.page(), 503));
    }

    @ServerExceptionMapper
    public Response problem(UpstreamProblemException e) {
        return ui.html(e.status(),
                ClerkUiResource.Templates.error(ui.page().withError(ui.problemText(e.body())), e.status()));
    }
}
