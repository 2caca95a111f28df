package de.fallnetz.cases.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import de.fallnetz.cases.access.CaseAccess;
import de.fallnetz.cases.domain.CaseDocumentEntity;
import de.fallnetz.cases.domain.CaseService;
import de.fallnetz.contracts.cases.CaseResponse;
import de.fallnetz.contracts.cases.OpenCaseRequest;
import de.fallnetz.contracts.cases.TimelineResponse;
import de.fallnetz.platform.rest.ProblemException;

@Path("/cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ "clerk", "team-lead" })
public class CaseResource {

    private final CaseService cases;
    private final CaseAccess access;

    public CaseResource(CaseService cases, CaseAccess access) {
        this.cases = cases;
        this.access = access;
    }

    @POST
    @Operation(summary = "Open a case", description = "201 with the new case; 200 with the same case when a request "
            + "with the same Idempotency-Key was already accepted. The case type's catalogue version decides the "
            + "application data it needs; the postal code in them routes it to the competent office.")
    public Response open(@NotNull @Valid OpenCaseRequest request,
            @Parameter(description = "Makes retries safe: the same key returns the case the first request created")
            @HeaderParam("Idempotency-Key") @Pattern(regexp = "[\\x21-\\x7e]{1,100}",
                    message = "must be 1 to 100 visible ASCII characters") String idempotencyKey,
            @Context UriInfo uri) {
        CaseService.OpenedCase opened = cases.open(request, access.scoped(idempotencyKey));
        CaseResponse body = opened.response();
        Response.ResponseBuilder response = opened.created()
                ? Response.created(uri.getAbsolutePathBuilder().path(body.caseId()).build())
                : Response.ok();
        return response.entity(body).tag(etag(body)).build();
    }

    @GET
    @Path("{caseId}")
    @Operation(summary = "Read a case, with the applicant's personal data; the ETag is the version for If-Match")
    public Response get(@PathParam("caseId") String caseId) {
        access.requireCase(parse(caseId));
        CaseResponse body = cases.find(parse(caseId)).orElseThrow(() -> ProblemException.notFound("Case " + caseId));
        return Response.ok(body).tag(etag(body)).build();
    }

    @GET
    @Path("{caseId}/timeline")
    @Operation(summary = "The events about a case, oldest first")
    public TimelineResponse timeline(@PathParam("caseId") String caseId) {
        access.requireCase(parse(caseId));
        return cases.timeline(parse(caseId)).orElseThrow(() -> ProblemException.notFound("Case " + caseId));
    }

    @GET
    @Path("{caseId}/documents/{documentId}")
    @Produces({ "application/pdf", MediaType.APPLICATION_JSON })
    @Operation(summary = "A document of the case, e.g. the decision letter (PDF)")
    public Response document(@PathParam("caseId") String caseId, @PathParam("documentId") String documentId) {
        access.requireCase(parse(caseId));
        CaseDocumentEntity doc = cases.document(parse(caseId), parse(documentId))
                .orElseThrow(() -> ProblemException.notFound("Document " + documentId + " of case " + caseId));
        return Response.ok(doc.content, doc.mediaType)
                .header("Content-Disposition", "inline; filename=\"" + doc.fileName + "\"")
                .header("Digest", "sha-256=" + java.util.Base64.getEncoder()
                        .encodeToString(java.util.HexFormat.of().parseHex(doc.sha256)))
                .build();
    }

    static EntityTag etag(CaseResponse body) {
        return new EntityTag(String.valueOf(body.version()));
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(id);
        }
    }
}
