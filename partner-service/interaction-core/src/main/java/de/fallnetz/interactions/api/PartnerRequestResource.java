package de.fallnetz.interactions.api;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.interactions.domain.DocumentEntity;
import de.fallnetz.interactions.domain.DocumentService;
import de.fallnetz.interactions.domain.InteractionRequestEntity;
import de.fallnetz.interactions.domain.InteractionService;
import de.fallnetz.interactions.domain.InteractionState;
import de.fallnetz.interactions.domain.PartnerAct;
import de.fallnetz.interactions.domain.PartnerInbox;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/**
 * The partner API, version 1: a partner organisation's inbox and its requests. The caller's organisation comes from
 * the token's {@code partner_org} claim; a request addressed to another organisation does not exist for it (404).
 * Every write takes an {@code Idempotency-Key} and the request's version in {@code If-Match} (the GET's ETag).
 */
@Path("/partner/v1/requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("partner")
@Tag(name = "Partner inbox", description = "Requests to this partner organisation")
@SecurityScheme(securitySchemeName = "partnerToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT")
@SecurityRequirement(name = "partnerToken")
public class PartnerRequestResource {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_LIMIT = 100;
    private static final String ANSWER_EXAMPLE = "{\"outcome\":\"GRANTED_WITH_CONDITIONS\",\"reasons\":"
            + "\"Arbeitsbedingungen geprüft\",\"restrictions\":{\"employer\":\"Beispiel GmbH\","
            + "\"occupation\":\"Softwareentwicklerin\",\"weeklyHours\":40,\"durationMonths\":48,"
            + "\"region\":\"Berlin\"}}";

    private final JsonWebToken token;
    private final InteractionService interactions;
    private final PartnerInbox inbox;
    private final DocumentService documents;
    private final PartnerIdempotency idempotency;
    private final AnswerSchemas schemas;
    private final ObjectMapper mapper;

    public PartnerRequestResource(JsonWebToken token, InteractionService interactions, PartnerInbox inbox,
            DocumentService documents, PartnerIdempotency idempotency, AnswerSchemas schemas, ObjectMapper mapper) {
        this.token = token;
        this.interactions = interactions;
        this.inbox = inbox;
        this.documents = documents;
        this.idempotency = idempotency;
        this.schemas = schemas;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "The caller's requests, by due date",
            description = "Open requests unless 'state' names others. Pages of 'limit' (at most 100); the answer's"
                    + " 'next' is the 'after' of the next page.")
    public InboxPage inbox(@QueryParam("state") List<InteractionState> state, @QueryParam("kind") String kind,
            @QueryParam("dueBefore") @Parameter(example = "2026-12-01T00:00:00Z") Instant dueBefore,
            @QueryParam("after") String after, @QueryParam("limit") Integer limit) {
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        Set<InteractionState> states = state == null || state.isEmpty() ? InteractionState.openStates()
                : EnumSet.copyOf(state);
        PartnerInbox.Page page = inbox.page(organisation(), states, kind, dueBefore, after, size);
        // A request the caller may no longer see (a revoked power of attorney) drops out; the cursor stays valid.
        String org = organisation();
        return new InboxPage(page.items().stream().filter(r -> interactions.mayAct(r, org, PartnerAct.READ))
                .map(r -> PartnerRequestResponse.of(r, false)).toList(), page.next());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One request with the data this partner may see; its ETag is the version for If-Match")
    public Response get(@PathParam("id") String id) {
        InteractionRequestEntity r = interactions.find(id, organisation())
                .orElseThrow(() -> ProblemException.notFound("Request " + id));
        return Response.ok(PartnerRequestResponse.of(r, true)).tag(etag(r.version)).build();
    }

    @POST
    @Path("{id}/claim")
    @Operation(summary = "Take the request as the calling user")
    public Response claim(@PathParam("id") String id, @HeaderParam(IDEMPOTENCY_KEY) String key,
            @HeaderParam("If-Match") String ifMatch) {
        long version = version(ifMatch);
        return idempotency.once(organisation(), key, PartnerIdempotency.hash("claim " + id, null),
                () -> view(interactions.claim(id, organisation(), user(), version)));
    }

    @POST
    @Path("{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer the request", description = "The body follows the answer schema of the request's"
            + " kind (answer-schemas/<KIND>.json, shown in the partner OpenAPI document); a violation answers 400"
            + " with each violation's JSON pointer and message, and nothing is written.")
    public Response answer(@PathParam("id") String id, @HeaderParam(IDEMPOTENCY_KEY) String key,
            @HeaderParam("If-Match") String ifMatch,
            @NotNull @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = Object.class), example = ANSWER_EXAMPLE)) JsonNode body) {
        long version = version(ifMatch);
        InteractionRequestEntity r = interactions.find(id, organisation(), PartnerAct.ANSWER)
                .orElseThrow(() -> ProblemException.notFound("Request " + id));
        List<Problem.InvalidParam> violations = schemas.violations(r.kind, body);
        if (!violations.isEmpty()) {
            throw new ProblemException(Problem.typed("invalid-answer", "Invalid request", 400,
                    "The answer does not follow the answer schema of " + r.kind + " (" + violations.size()
                            + " violation" + (violations.size() == 1 ? "" : "s") + ")")
                    .withInvalidParams(violations));
        }
        AnswerRequest answer = AnswerRequest.of(body, mapper);
        return idempotency.once(organisation(), key, PartnerIdempotency.hash("answer " + id, json(body)),
                () -> view(interactions.answer(id, organisation(), answer.outcome(), answer.reasons(),
                        answer.conditions(), answer.details(), version)));
    }

    @POST
    @Path("{id}/information-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Say what information is missing; the deadline stops until the office supplies it")
    public Response requestInformation(@PathParam("id") String id, @HeaderParam(IDEMPOTENCY_KEY) String key,
            @HeaderParam("If-Match") String ifMatch, @NotNull @Valid InformationRequestBody body) {
        long version = version(ifMatch);
        return idempotency.once(organisation(), key, PartnerIdempotency.hash("information " + id, json(body)),
                () -> view(interactions.requestInformation(id, organisation(), body.missing(), version)));
    }

    @POST
    @Path("{id}/documents")
    @Consumes("application/pdf")
    @Operation(summary = "Upload a PDF document (at most 10 MB) to the request")
    public Response upload(@PathParam("id") String id, @HeaderParam(IDEMPOTENCY_KEY) String key,
            @HeaderParam("If-Match") String ifMatch,
            @QueryParam("fileName") @Parameter(example = "Stellenbeschreibung.pdf") String fileName, byte[] pdf) {
        long version = version(ifMatch);
        return idempotency.once(organisation(), key, PartnerIdempotency.hash("document " + id + " " + fileName, pdf),
                () -> {
                    DocumentEntity d = documents.upload(id, organisation(), user(), version, fileName, pdf);
                    InteractionRequestEntity r = interactions.find(id, organisation(), PartnerAct.FILE).orElseThrow();
                    return new PartnerIdempotency.Outcome(201, r.version,
                            PartnerRequestResponse.DocumentResponse.of(d));
                });
    }

    private static PartnerIdempotency.Outcome view(InteractionRequestEntity r) {
        return new PartnerIdempotency.Outcome(200, r.version, PartnerRequestResponse.of(r, true));
    }

    private String organisation() {
        String org = token.getClaim("partner_org");
        if (org == null || org.isBlank()) {
            throw new io.quarkus.security.UnauthorizedException("The token names no partner organisation");
        }
        return org;
    }

    private String user() {
        return token.getName();
    }

    private byte[] json(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EntityTag etag(long version) {
        return new EntityTag(String.valueOf(version));
    }

    /** The version in If-Match ({@code "3"}, weak or strong); missing is a 428, anything unreadable a 412. */
    private static long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(Problem.typed("precondition-required", "Precondition Required", 428,
                    "Every write needs If-Match with the request's ETag (its version)"));
        }
        String v = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.typed("version-mismatch", "Precondition Failed", 412,
                    "If-Match " + ifMatch + " is not a version of this request"));
        }
    }

    private static ProblemException invalid(String name, String reason) {
        return new ProblemException(Problem.typed("invalid-request", "Invalid request", 400, name + " " + reason)
                .withInvalidParams(List.of(new Problem.InvalidParam(name, reason))));
    }
}
