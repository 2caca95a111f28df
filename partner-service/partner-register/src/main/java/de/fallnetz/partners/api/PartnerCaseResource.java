package de.fallnetz.partners.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import de.fallnetz.partners.domain.PartnerCaseService;
import de.fallnetz.platform.rest.ProblemException;

@Path("/partner-cases")
@Produces(MediaType.APPLICATION_JSON)
public class PartnerCaseResource {

    private final PartnerCaseService partnerCases;

    public PartnerCaseResource(PartnerCaseService partnerCases) {
        this.partnerCases = partnerCases;
    }

    @GET
    @Path("{caseId}")
    @Operation(summary = "A case in the partner register")
    public PartnerCaseResponse get(@PathParam("caseId") String caseId) {
        return partnerCases.find(caseId)
                .map(c -> new PartnerCaseResponse(c.caseId, c.caseType, c.officeId, c.registeredAt))
                .orElseThrow(() -> ProblemException.notFound("Case " + caseId + " in the partner register"));
    }
}
