package de.fallnetz.gateway.cases;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import de.fallnetz.contracts.cases.OfficeStatisticsResponse;

/** The team lead's statistics of their own office, from case-service (counts only, no personal data). */
@Path("/api/statistics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("team-lead")
public class StatisticsGatewayResource {

    private final CaseLifecycleClient cases;

    public StatisticsGatewayResource(@RestClient CaseLifecycleClient cases) {
        this.cases = cases;
    }

    @GET
    @Operation(summary = "The caller's office: backlog per clerk, overdue cases, cases opened and decided in the last "
            + "30 days, deemed consents (role team-lead)")
    public OfficeStatisticsResponse ofMyOffice() {
        return cases.statistics();
    }
}
