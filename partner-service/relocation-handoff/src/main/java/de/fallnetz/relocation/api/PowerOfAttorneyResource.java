package de.fallnetz.relocation.api;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import de.fallnetz.interactions.deadline.InteractionClock;
import de.fallnetz.platform.rest.ProblemException;
import de.fallnetz.relocation.domain.PowerOfAttorneyEntity;
import de.fallnetz.relocation.domain.PowerOfAttorneyService;

/**
 * The office's side: it records the powers of attorney it receives and revokes them. Internal, like case-service's
 * API: the gateway will sit in front of it (clerk tokens arrive with the identity work).
 */
@Path("/api/powers-of-attorney")
@RolesAllowed({ "clerk", "team-lead" }) // the office records and revokes powers; the gateway's token says who
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Powers of attorney", description = "Who may act for the applicant of a case")
public class PowerOfAttorneyResource {

    private final PowerOfAttorneyService powers;
    private final InteractionClock clock;
    private final JsonWebToken token;

    public PowerOfAttorneyResource(PowerOfAttorneyService powers, InteractionClock clock, JsonWebToken token) {
        this.token = token;
        this.powers = powers;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a power of attorney the office received",
            description = "Without parentId the applicant granted it; with parentId the holder of that power"
                    + " sub-delegated it, which needs that power to allow it and keeps within its scope and validity.")
    public Response grant(@NotNull @Valid GrantPowerOfAttorneyRequest body) {
        PowerOfAttorneyEntity p = powers.grant(PartnerPowerOfAttorneyResource.grant(body, body.caseId(),
                body.parentId()), office());
        return Response.status(Response.Status.CREATED).entity(view(p)).build();
    }

    @GET
    @Operation(summary = "The powers of attorney of a case, oldest first")
    public List<PowerOfAttorneyResponse> ofCase(@QueryParam("caseId") String caseId) {
        if (caseId == null || caseId.isBlank()) {
            throw new ProblemException(de.fallnetz.platform.rest.Problem.typed("invalid-request", "Invalid request",
                    400, "caseId is required").withInvalidParams(List.of(
                            new de.fallnetz.platform.rest.Problem.InvalidParam("caseId", "must not be blank"))));
        }
        return powers.ofCase(caseId, office()).stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One power of attorney")
    public PowerOfAttorneyResponse get(@PathParam("id") UUID id) {
        return powers.find(id, office()).map(this::view)
                .orElseThrow(() -> ProblemException.notFound("Power of attorney " + id));
    }

    @POST
    @Path("{id}/revocation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke a power of attorney with immediate effect",
            description = "Ends the powers sub-delegated from it too, and cancels the open hand-offs of every holder"
                    + " that can no longer act on the case.")
    public PowerOfAttorneyResponse revoke(@PathParam("id") UUID id, @NotNull @Valid RevokePowerOfAttorneyRequest body) {
        return view(powers.revoke(id, office(), body.revokedBy(), body.reason().strip()));
    }

    private PowerOfAttorneyResponse view(PowerOfAttorneyEntity p) {
        return PowerOfAttorneyResponse.of(p, powers.inForce(p, null, null, clock.instant()));
    }

    /** The caller's office: a power recorded here gives access to this office's cases only. */
    private String office() {
        String office = token.getClaim("office_id");
        if (office == null || office.isBlank()) {
            throw new io.quarkus.security.ForbiddenException("The token names no office");
        }
        return office;
    }
}
