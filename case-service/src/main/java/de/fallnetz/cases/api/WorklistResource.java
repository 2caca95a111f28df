package de.fallnetz.cases.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import de.fallnetz.cases.access.CaseAccess;
import de.fallnetz.cases.domain.CaseStatus;
import de.fallnetz.cases.domain.Worklist;
import de.fallnetz.contracts.cases.WorklistResponse;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

@Path("/cases")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "clerk", "team-lead" })
public class WorklistResource {

    private final Worklist worklist;
    private final CaseAccess access;

    public WorklistResource(Worklist worklist, CaseAccess access) {
        this.worklist = worklist;
        this.access = access;
    }

    @GET
    @Operation(summary = "An office's worklist, nearest partner deadline first, with counts per status",
            description = "Keyset paging: pass nextCursor as after. q matches a case ID or the start of a name, "
                    + "dateOfBirth the exact date of birth. Names are personal data: reads are audited by the gateway.")
    public WorklistResponse list(
            @QueryParam("officeId") @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}",
                    message = "must be an office ID") String officeId,
            @QueryParam("status") @Pattern(regexp = "[A-Z_]{3,40}", message = "must be a case status") String status,
            @QueryParam("assignee") @Size(max = 100) String assignee,
            @QueryParam("unassigned") @DefaultValue("false") boolean unassigned,
            @QueryParam("overdue") @DefaultValue("false") boolean overdue,
            @QueryParam("caseType") @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "must be a case type code")
            String caseType,
            @QueryParam("q") @Size(max = 100) String text,
            @QueryParam("dateOfBirth") @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be a date (YYYY-MM-DD)")
            String dateOfBirth,
            @QueryParam("includeFinished") @DefaultValue("false") boolean includeFinished,
            @QueryParam("after") @Size(max = 200) String after,
            @QueryParam("limit") @DefaultValue("25") @Min(1) @Max(100) int limit) {
        access.requireOffice(officeId);
        CaseStatus parsed = null;
        if (status != null) {
            try {
                parsed = CaseStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(Problem.typed("invalid-request", "Invalid request", 400,
                        "status: unknown status").withInvalidParams(List.of(new Problem.InvalidParam("status",
                                "must be one of " + Arrays.toString(CaseStatus.values())))));
            }
        }
        return worklist.query(new Worklist.Filter(officeId, parsed, assignee, unassigned, overdue, caseType, text,
                includeFinished, date(dateOfBirth)), after, limit);
    }

    /** The exact date of birth searched for (the applicant's, as recorded); a malformed one is a 400 problem. */
    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.typed("invalid-request", "Invalid request", 400,
                    "dateOfBirth: not a date").withInvalidParams(List.of(new Problem.InvalidParam("dateOfBirth",
                            "must be a date (YYYY-MM-DD)"))));
        }
    }
}
