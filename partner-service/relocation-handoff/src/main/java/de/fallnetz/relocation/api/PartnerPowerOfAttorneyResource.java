package de.fallnetz.relocation.api;

import java.util.List;
import java.util.UUID;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.interactions.api.PartnerIdempotency;
import de.fallnetz.interactions.deadline.InteractionClock;
import de.fallnetz.relocation.domain.PowerOfAttorneyEntity;
import de.fallnetz.relocation.domain.PowerOfAttorneyService;

/**
 * The holder's side (partner API v1): the powers the calling organisation holds now, and sub-delegation of one (an
 * employer authorising its relocation agency) where the power allows it. Another organisation's power answers 404.
 */
@Path("/partner/v1/powers-of-attorney")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("partner")
@Tag(name = "Powers of attorney (holder)", description = "The caller's powers of attorney")
@SecurityRequirement(name = "partnerToken")
public class PartnerPowerOfAttorneyResource {

    private final JsonWebToken token;
    private final PowerOfAttorneyService powers;
    private final PartnerIdempotency idempotency;
    private final InteractionClock clock;
    private final ObjectMapper mapper;

    public PartnerPowerOfAttorneyResource(JsonWebToken token, PowerOfAttorneyService powers,
            PartnerIdempotency idempotency, InteractionClock clock, ObjectMapper mapper) {
        this.token = token;
        this.powers = powers;
        this.idempotency = idempotency;
        this.clock = clock;
        this.mapper = mapper;
    }

    @GET
    @Operation(summary = "The powers of attorney the caller holds that are in force now")
    public List<PowerOfAttorneyResponse> mine() {
        return powers.inForceFor(organisation()).stream().map(p -> PowerOfAttorneyResponse.of(p, true)).toList();
    }

    @POST
    @Path("{id}/sub-delegations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sub-delegate one of the caller's powers to another organisation",
            description = "Only when the power allows sub-delegation; the new power keeps within its scope and"
                    + " validity. caseId and parentId of the body are ignored.")
    public Response subDelegate(@PathParam("id") UUID id, @HeaderParam("Idempotency-Key") String key,
            @NotNull @Valid GrantPowerOfAttorneyRequest body) {
        String org = organisation();
        return idempotency.once(org, key, PartnerIdempotency.hash("sub-delegation " + id, json(body)), () -> {
            PowerOfAttorneyEntity p = powers.subDelegate(id, org, grant(body, null, id));
            return new PartnerIdempotency.Outcome(201, p.version,
                    PowerOfAttorneyResponse.of(p, powers.inForce(p, null, null, clock.instant())));
        });
    }

    static PowerOfAttorneyService.Grant grant(GrantPowerOfAttorneyRequest body, String caseId, UUID parentId) {
        return new PowerOfAttorneyService.Grant(caseId, body.holder(), parentId,
                Boolean.TRUE.equals(body.subDelegationAllowed()), body.caseTypes(), body.acts(), body.validFrom(),
                body.validUntil());
    }

    private String organisation() {
        String org = token.getClaim("partner_org");
        if (org == null || org.isBlank()) {
            throw new io.quarkus.security.UnauthorizedException("The token names no partner organisation");
        }
        return org;
    }

    private byte[] json(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
