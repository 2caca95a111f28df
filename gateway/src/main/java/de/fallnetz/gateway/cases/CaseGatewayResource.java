package de.fallnetz.gateway.cases;

import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

import de.fallnetz.contracts.cases.CaseResponse;
import de.fallnetz.contracts.cases.OpenCaseRequest;
import de.fallnetz.contracts.cases.TimelineResponse;
import de.fallnetz.gateway.audit.AuditService;
import de.fallnetz.gateway.identity.Caller;
import de.fallnetz.gateway.identity.InternalTokens;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;

/** Cases, for clerks and partner agencies. Input is checked here first so bad requests never travel further. */
@Path("/api/cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CaseGatewayResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** A clerk reads a case to work it: the processing of the immigration office's own case (§ 86 AufenthG). */
    static final AuditService.Read CASE_READ = new AuditService.Read("case.read",
            "applicant,application,checklist,interactions,documents", "case work of the competent office (§ 86 AufenthG)");

    private final CaseServiceClient cases;
    private final CaseOpeningClient openings;
    private final CaseOpeningAdmission admission;
    private final AuditService audit;
    private final SecurityIdentity identity;
    private final CurrentIdentityAssociation callers;
    private final InternalTokens tokens;

    public CaseGatewayResource(@RestClient CaseServiceClient cases, @RestClient CaseOpeningClient openings,
            CaseOpeningAdmission admission, AuditService audit, SecurityIdentity identity,
            CurrentIdentityAssociation callers, InternalTokens tokens) {
        this.cases = cases;
        this.openings = openings;
        this.admission = admission;
        this.audit = audit;
        this.identity = identity;
        this.callers = callers;
        this.tokens = tokens;
    }

    @POST
    @Operation(summary = "Open a case", description = "201 with the new case. Send an Idempotency-Key to retry "
            + "safely: the same key returns the case the first request created (200). Every answer names the key "
            + "used, also a 503, after which the request is to be repeated with that key after Retry-After (also when "
            + "the gateway is opening too many cases at once).")
    public Uni<Response> open(@NotNull @Valid OpenCaseRequest request,
            @Parameter(description = "Any unique string, e.g. a UUID, reused when the same request is retried")
            @HeaderParam(IDEMPOTENCY_KEY) @Pattern(regexp = "[\\x21-\\x7e]{1,100}",
                    message = "must be 1 to 100 visible ASCII characters") String idempotencyKey,
            @Context UriInfo uri) {
        // Without a key of the client's, one of ours still makes the gateway's own retries safe.
        String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
        io.vertx.core.Context requestContext = Vertx.currentContext();
        // On the event loop the caller's identity is read from its deferred form (it is resolved by now).
        return callers.getDeferredIdentity().map(Caller::of)
                .flatMap(caller -> admission.open(() -> onContext(requestContext,
                        () -> authorization(caller, requestContext)
                                .flatMap(authorization -> openings.open(request, key, authorization))), key)
                        .onFailure(CaseGatewayResource::mayHaveOpened)
                        .transform(e -> new CaseOpeningUnconfirmedException(key, e)))
                .map(opened -> answer(opened, idempotencyKey == null, key, uri));
    }

    /**
     * Every failure but case-service's own 4xx problem and a refused admission (no connection, no answer in time, a 5xx,
     * a closed connection): case-service may or may not have opened the case, so the client repeats with the key.
     */
    private static boolean mayHaveOpened(Throwable e) {
        return !(e instanceof UpstreamProblemException || e instanceof CaseOpeningBusyException);
    }

    /**
     * Signed when the opening is admitted, so that its wait for a place does not use up the token's life; an RSA
     * signature (about 10 ms of CPU) is made on a worker thread rather than on the event loop.
     */
    private Uni<String> authorization(Caller caller, io.vertx.core.Context requestContext) {
        return tokens.reusable(caller).map(token -> Uni.createFrom().item(token))
                .orElseGet(() -> Uni.createFrom().item(() -> tokens.sign(caller))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).emitOn(on(requestContext)))
                .map(token -> "Bearer " + token);
    }

    /**
     * Starts the call on the request's own Vert.x context: an opening that waited for a place is started by the
     * opening that freed it, whose context (trace, log fields) is another request's.
     */
    private static <T> Uni<T> onContext(io.vertx.core.Context requestContext, Supplier<Uni<T>> call) {
        if (requestContext == null || Vertx.currentContext() == requestContext) {
            return call.get();
        }
        return Uni.createFrom().deferred(call::get).runSubscriptionOn(on(requestContext));
    }

    private static Executor on(io.vertx.core.Context context) {
        return task -> {
            if (context == null) {
                task.run();
            } else {
                context.runOnContext(ignored -> task.run());
            }
        };
    }

    private static Response answer(RestResponse<CaseResponse> opened, boolean keyMadeUp, String key, UriInfo uri) {
        CaseResponse body = opened.getEntity();
        // A key the gateway made up reached case-service only through this request: a 200 for it means that the
        // gateway's own retry met the case its lost first attempt had opened, which is this request's new case.
        boolean created = opened.getStatus() == Response.Status.CREATED.getStatusCode()
                || (keyMadeUp && opened.getStatus() == Response.Status.OK.getStatusCode());
        if (!created) {
            return Response.status(opened.getStatus()).entity(body).header(IDEMPOTENCY_KEY, key).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(body.caseId()).build()).entity(body)
                .header(IDEMPOTENCY_KEY, key).build();
    }

    @GET
    @Path("{caseId}")
    @Operation(summary = "Read a case with the applicant's personal data; the read is audited")
    public CaseResponse get(@PathParam("caseId") String caseId, @Context HttpServerRequest http) {
        audit.record(Caller.of(identity), http.remoteAddress().hostAddress(), CASE_READ, caseId);
        return cases.get(caseId);
    }

    @GET
    @Path("{caseId}/timeline")
    @Operation(summary = "What happened in a case, hop by hop across the services, oldest first")
    public TimelineResponse timeline(@PathParam("caseId") String caseId) {
        return cases.timeline(caseId);
    }
}
