package de.fallnetz.gateway.cases;

import java.util.function.Supplier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

import de.fallnetz.contracts.cases.CaseCommands;
import de.fallnetz.contracts.cases.CaseResponse;
import de.fallnetz.contracts.cases.WorklistResponse;
import de.fallnetz.gateway.audit.AuditService;
import de.fallnetz.gateway.identity.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * The clerks' work on cases through the one entry point: commands (each with If-Match and optionally an
 * Idempotency-Key, passed on as they are), the worklist and documents. Bodies are checked here first; reads of personal data are audited before they are handed out.
 */
@Path("/api/cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CaseLifecycleGatewayResource {

    private static final String KEY = "[\\x21-\\x7e]{1,100}";
    private static final String KEY_MESSAGE = "must be 1 to 100 visible ASCII characters";

    private static final AuditService.Read WORKLIST_READ = new AuditService.Read("worklist.read",
            "applicant.name,caseType,status,deadlines", "case work of the competent office (§ 86 AufenthG)");
    private static final AuditService.Read DOCUMENT_READ = new AuditService.Read("document.read", "document",
            "case work of the competent office (§ 86 AufenthG)");

    private final CaseLifecycleClient cases;
    private final AuditService audit;
    private final SecurityIdentity identity;

    public CaseLifecycleGatewayResource(@RestClient CaseLifecycleClient cases, AuditService audit,
            SecurityIdentity identity) {
        this.cases = cases;
        this.audit = audit;
        this.identity = identity;
    }

    @GET
        @Operation(summary = "An office's worklist, nearest partner deadline first; every listed case's read is audited")
    public WorklistResponse worklist(
            @QueryParam("officeId") @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}",
                    message = "must be an office ID") String officeId,
            @QueryParam("status") @Pattern(regexp = "[A-Z_]{3,40}", message = "must be a case status") String status,
            @QueryParam("assignee") @Size(max = 100) String assignee,
            @QueryParam("unassigned") Boolean unassigned, @QueryParam("overdue") Boolean overdue,
            @QueryParam("caseType") @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "must be a case type code")
            String caseType,
            @QueryParam("q") @Size(max = 100) String text,
            @QueryParam("dateOfBirth") @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be a date (YYYY-MM-DD)")
            String dateOfBirth, @QueryParam("includeFinished") Boolean includeFinished,
            @QueryParam("after") @Size(max = 200) String after,
            @QueryParam("limit") @Min(1) @Max(100) Integer limit, @Context HttpServerRequest http) {
        Caller caller = Caller.of(identity);
        // Without an office the caller's own; case-service refuses any other office's worklist.
        String office = officeId != null ? officeId : caller.officeId();
        if (office == null) {
            throw new de.fallnetz.platform.rest.ProblemException(de.fallnetz.platform.rest.Problem.typed(
                    "invalid-request", "Invalid request", 400, "officeId is needed: the caller has no office"));
        }
        WorklistResponse page = cases.worklist(office, status, assignee, unassigned, overdue, caseType, text,
                date(dateOfBirth), includeFinished, after, limit);
        audit.recordAll(caller, client(http), WORKLIST_READ,
                page.items().stream().map(WorklistResponse.Item::caseId).toList());
        return page;
    }

    @GET
    @Path("{caseId}/documents/{documentId}")
    @Produces({ "application/pdf", MediaType.APPLICATION_JSON })
    @Operation(summary = "A document of a case, e.g. the decision letter (PDF); the read is audited")
    public Response document(@PathParam("caseId") String caseId, @PathParam("documentId") String documentId,
            @Context HttpServerRequest http) {
        audit.record(Caller.of(identity), client(http), DOCUMENT_READ, caseId);
        RestResponse<byte[]> doc = cases.document(caseId, documentId);
        return Response.ok(doc.getEntity(), doc.getMediaType())
                .header("Content-Disposition", doc.getHeaderString("Content-Disposition"))
                .header("Digest", doc.getHeaderString("Digest")).build();
    }

    @POST
    @Path("{caseId}/assignment")
    @Operation(summary = "Assign the case to a clerk")
    public Response assign(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.AssignRequest body) {
        return relay(() -> cases.assign(caseId, ifMatch, key, body));
    }

    @POST
    @Path("{caseId}/checklist/{itemId}/tick")
    @Operation(summary = "Tick a checklist item; the last one asks the partners")
    public Response tick(@PathParam("caseId") String caseId, @PathParam("itemId") String itemId,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY, message = KEY_MESSAGE) String key,
            @Valid CaseCommands.ChecklistChangeRequest body) {
        CaseCommands.ChecklistChangeRequest change = body != null ? body : new CaseCommands.ChecklistChangeRequest(null);
        return relay(() -> cases.tick(caseId, itemId, ifMatch, key, change));
    }

    @POST
    @Path("{caseId}/checklist/{itemId}/untick")
    @Operation(summary = "Untick a checklist item, saying why")
    public Response untick(@PathParam("caseId") String caseId, @PathParam("itemId") String itemId,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.ChecklistChangeRequest body) {
        return relay(() -> cases.untick(caseId, itemId, ifMatch, key, body));
    }

    @POST
    @Path("{caseId}/document-requests")
    @Operation(summary = "Ask the applicant for missing documents")
    public Response requestDocuments(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.DocumentsRequest body) {
        return relay(() -> cases.requestDocuments(caseId, ifMatch, key, body));
    }

    @POST
    @Path("{caseId}/interactions/{interactionId}/information")
    @Operation(summary = "Supply the information a partner asked for")
    public Response supplyInformation(@PathParam("caseId") String caseId,
            @PathParam("interactionId") String interactionId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.SupplyInformationRequest body) {
        return relay(() -> cases.supplyInformation(caseId, interactionId, ifMatch, key, body));
    }

    @POST
    @Path("{caseId}/hearing")
    @Operation(summary = "Record the applicant's hearing before a refusal")
    public Response hearing(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.HearingRequest body) {
        return relay(() -> cases.hearing(caseId, ifMatch, key, body));
    }

    @POST
    @Path("{caseId}/decision")
    @Operation(summary = "Decide the case; renders the decision letter")
    public Response decide(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.DecisionRequest body) {
        return relay(() -> cases.decide(caseId, ifMatch, key, body));
    }

    @POST
    @Path("{caseId}/withdrawal")
    @Operation(summary = "Record the applicant's withdrawal; open partner interactions are cancelled")
    public Response withdraw(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.WithdrawalRequest body) {
        return relay(() -> cases.withdraw(caseId, ifMatch, key, body));
    }

    @POST
    @Path("{caseId}/transfer")
    @Operation(summary = "Hand the case to another office")
    public Response transfer(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.TransferRequest body) {
        return relay(() -> cases.transfer(caseId, ifMatch, key, body));
    }

    @POST
    @Path("{caseId}/transfer-acceptance")
    @Operation(summary = "Take over a transferred case")
    public Response acceptTransfer(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY, message = KEY_MESSAGE) String key) {
        return relay(() -> cases.acceptTransfer(caseId, ifMatch, key));
    }

    @POST
    @Path("{caseId}/office")
    @Operation(summary = "Choose the competent office among the candidates")
    public Response chooseOffice(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.OfficeChoiceRequest body) {
        return relay(() -> cases.chooseOffice(caseId, ifMatch, key, body));
    }

    @POST
    @Path("{caseId}/closure")
    @Operation(summary = "Close a decided case")
    public Response close(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY, message = KEY_MESSAGE) String key) {
        return relay(() -> cases.close(caseId, ifMatch, key));
    }

    @POST
    @Path("{caseId}/card-ready")
    @Operation(summary = "After a grant: the residence permit card can be collected (the applicant is told once)")
    public Response cardReady(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY, message = KEY_MESSAGE) String key,
            @Valid CaseCommands.CardReadyRequest body) {
        CaseCommands.CardReadyRequest request = body != null ? body : new CaseCommands.CardReadyRequest(null);
        return relay(() -> cases.cardReady(caseId, ifMatch, key, request));
    }

    /** The case service's answer with its ETag; its problems pass through as they are (see the mappers). */
    private static Response relay(Supplier<RestResponse<CaseResponse>> command) {
        RestResponse<CaseResponse> answer = command.get();
        return Response.status(answer.getStatus()).entity(answer.getEntity())
                .header("ETag", answer.getHeaderString("ETag")).build();
    }

    /** The exact date of birth to search for; a well-formed but impossible date (1994-02-30) is a 400 as well. */
    private static java.time.LocalDate date(String value) {
        if (value == null) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new de.fallnetz.platform.rest.ProblemException(de.fallnetz.platform.rest.Problem.typed(
                    "invalid-request", "Invalid request", 400, "dateOfBirth " + value + " is no date")
                    .withInvalidParams(java.util.List.of(new de.fallnetz.platform.rest.Problem.InvalidParam(
                            "dateOfBirth", "must be a date (YYYY-MM-DD)"))));
        }
    }

    private static String client(HttpServerRequest http) {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }
}
