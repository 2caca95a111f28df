package de.fallnetz.cases.api;

import java.util.function.LongFunction;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import de.fallnetz.cases.access.CaseAccess;
import de.fallnetz.cases.domain.CaseLifecycle;
import de.fallnetz.contracts.cases.CaseCommands;
import de.fallnetz.contracts.cases.CaseResponse;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/**
 * The clerks' commands on a case. Each needs {@code If-Match} with the case's version (its ETag): a stale one
 * answers 412, a missing one 428. An {@code Idempotency-Key} makes a retry safe. A command the case's status does
 * not allow answers 409 with the status and the commands allowed now.
 */
@Path("/cases/{caseId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ "clerk", "team-lead" })
public class CaseCommandResource {

    private static final String KEY_PATTERN = "[\\x21-\\x7e]{1,100}";
    private static final String KEY_MESSAGE = "must be 1 to 100 visible ASCII characters";

    private final CaseLifecycle lifecycle;
    private final CaseAccess access;

    public CaseCommandResource(CaseLifecycle lifecycle, CaseAccess access) {
        this.lifecycle = lifecycle;
        this.access = access;
    }

    @POST
    @Path("assignment")
    @Operation(summary = "Assign the case to a clerk")
    public Response assign(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.AssignRequest body) {
        return run(caseId, ifMatch, v -> lifecycle.assign(CaseResource.parse(caseId), v, access.scoped(key), body));
    }

    @POST
    @Path("checklist/{itemId}/tick")
    @Operation(summary = "Tick a checklist item; the last one makes the case complete and asks the partners")
    public Response tick(@PathParam("caseId") String caseId, @PathParam("itemId") String itemId,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key,
            @Valid CaseCommands.ChecklistChangeRequest body) {
        CaseCommands.ChecklistChangeRequest change = body != null ? body : new CaseCommands.ChecklistChangeRequest(null);
        return run(caseId, ifMatch, v -> lifecycle.tick(CaseResource.parse(caseId), itemId, v, access.scoped(key), change));
    }

    @POST
    @Path("checklist/{itemId}/untick")
    @Operation(summary = "Untick a checklist item, with a note saying why")
    public Response untick(@PathParam("caseId") String caseId, @PathParam("itemId") String itemId,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.ChecklistChangeRequest body) {
        return run(caseId, ifMatch, v -> lifecycle.untick(CaseResource.parse(caseId), itemId, v, access.scoped(key), body));
    }

    @POST
    @Path("document-requests")
    @Operation(summary = "Ask the applicant for missing documents (statutory clocks wait until they are complete)")
    public Response requestDocuments(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.DocumentsRequest body) {
        return run(caseId, ifMatch, v -> lifecycle.requestDocuments(CaseResource.parse(caseId), v, access.scoped(key), body));
    }

    @POST
    @Path("interactions/{interactionId}/information")
    @Operation(summary = "Supply what a partner asked for; its clock resumes")
    public Response supplyInformation(@PathParam("caseId") String caseId,
            @PathParam("interactionId") String interactionId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.SupplyInformationRequest body) {
        return run(caseId, ifMatch, v -> lifecycle.supplyInformation(CaseResource.parse(caseId),
                CaseResource.parse(interactionId), v, access.scoped(key), body));
    }

    @POST
    @Path("hearing")
    @Operation(summary = "Record the applicant's hearing before a refusal")
    public Response hearing(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.HearingRequest body) {
        return run(caseId, ifMatch, v -> lifecycle.recordHearing(CaseResource.parse(caseId), v, access.scoped(key), body));
    }

    @POST
    @Path("decision")
    @Operation(summary = "Decide: grant, or refuse with reasons and legal basis (after the hearing); renders the "
            + "decision letter (PDF)")
    public Response decide(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.DecisionRequest body) {
        return run(caseId, ifMatch, v -> lifecycle.decide(CaseResource.parse(caseId), v, access.scoped(key), body));
    }

    @POST
    @Path("withdrawal")
    @Operation(summary = "The applicant withdrew: every open partner interaction is cancelled")
    public Response withdraw(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.WithdrawalRequest body) {
        return run(caseId, ifMatch, v -> lifecycle.withdraw(CaseResource.parse(caseId), v, access.scoped(key), body));
    }

    @POST
    @Path("transfer")
    @Operation(summary = "Hand the case to another office (the person moved); open interactions are cancelled")
    public Response transfer(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.TransferRequest body) {
        return run(caseId, ifMatch, v -> lifecycle.transfer(CaseResource.parse(caseId), v, access.scoped(key), body));
    }

    @POST
    @Path("transfer-acceptance")
    @Operation(summary = "The receiving office takes over a transferred case")
    public Response acceptTransfer(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key) {
        return run(caseId, ifMatch, v -> lifecycle.acceptTransfer(CaseResource.parse(caseId), v, access.scoped(key)));
    }

    @POST
    @Path("office")
    @Operation(summary = "Choose the competent office among the candidates of an ambiguous postal code")
    public Response chooseOffice(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key,
            @NotNull @Valid CaseCommands.OfficeChoiceRequest body) {
        return run(caseId, ifMatch, v -> lifecycle.chooseOffice(CaseResource.parse(caseId), v, access.scoped(key), body));
    }

    @POST
    @Path("card-ready")
    @Operation(summary = "After a grant: the residence permit card can be collected; the applicant is told once "
            + "(a repeat answers the case unchanged)")
    public Response cardReady(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key,
            @Valid CaseCommands.CardReadyRequest body) {
        CaseCommands.CardReadyRequest request = body != null ? body : new CaseCommands.CardReadyRequest(null);
        return run(caseId, ifMatch, v -> lifecycle.cardReady(CaseResource.parse(caseId), v, access.scoped(key), request));
    }

    @POST
    @Path("closure")
    @Operation(summary = "Close a decided case")
    public Response close(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String key) {
        return run(caseId, ifMatch, v -> lifecycle.close(CaseResource.parse(caseId), v, access.scoped(key)));
    }

    private Response run(String caseId, String ifMatch, LongFunction<CaseResponse> command) {
        access.requireCase(CaseResource.parse(caseId));
        CaseResponse body = command.apply(version(ifMatch));
        return Response.ok(body).tag(CaseResource.etag(body)).build();
    }

    /** {@code "3"}, {@code W/"3"} or {@code 3}. */
    static long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(Problem.typed("precondition-required", "Precondition Required", 428,
                    "Send If-Match with the case's version (the ETag of GET /cases/{caseId})"));
        }
        String v = ifMatch.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.typed("invalid-request", "Invalid request", 400,
                    "If-Match must be the case's version, e.g. \"3\"")
                    .withInvalidParams(java.util.List.of(new Problem.InvalidParam("If-Match", "not a case version"))));
        }
    }
}
