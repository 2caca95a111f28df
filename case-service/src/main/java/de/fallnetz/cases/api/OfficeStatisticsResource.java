package de.fallnetz.cases.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import de.fallnetz.cases.access.CaseAccess;
import de.fallnetz.cases.domain.OfficeStatistics;
import de.fallnetz.contracts.cases.OfficeStatisticsResponse;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/** The team lead's statistics, always of the caller's own office (from the internal token, never from the request). */
@Path("/statistics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("team-lead")
public class OfficeStatisticsResource {

    private final OfficeStatistics statistics;
    private final CaseAccess access;

    public OfficeStatisticsResource(OfficeStatistics statistics, CaseAccess access) {
        this.statistics = statistics;
        this.access = access;
    }

    @GET
    @Operation(summary = "The caller's office: backlog per clerk, overdue cases, cases opened and decided in the last "
            + "30 days, deemed consents", description = "Role team-lead; counts only, no personal data.")
    public OfficeStatisticsResponse ofMyOffice() {
        String office = access.officeId();
        if (office == null) {
            throw new ProblemException(Problem.typed("forbidden", "Forbidden", 403,
                    "The caller's token names no office"));
        }
        return statistics.of(office);
    }
}
