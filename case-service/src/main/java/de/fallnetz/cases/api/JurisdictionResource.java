package de.fallnetz.cases.api;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import de.fallnetz.cases.catalogue.CaseTypeCatalogue;
import de.fallnetz.cases.catalogue.CaseTypeVersion;
import de.fallnetz.cases.catalogue.CaseTypeVersion.Competence;
import de.fallnetz.cases.jurisdiction.Jurisdiction;
import de.fallnetz.cases.jurisdiction.Office;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;
import io.quarkus.security.Authenticated;

/** Which office is competent, asked on its own; and the office register. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class JurisdictionResource {

    /** Until the catalogue is there: the case types whose postal code is the place of work. */
    private static final List<String> PLACE_OF_WORK_TYPES = List.of("ACCELERATED_SKILLED_WORKER");

    private static final Pattern CASE_TYPE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

    private final Jurisdiction jurisdiction;
    private final Instance<CaseTypeCatalogue> catalogue;

    public JurisdictionResource(Jurisdiction jurisdiction, Instance<CaseTypeCatalogue> catalogue) {
        this.jurisdiction = jurisdiction;
        this.catalogue = catalogue;
    }

    @GET
    @Path("jurisdiction")
    @Operation(summary = "The office competent for a postal code and case type",
            description = "The office, or the candidates when the postal code spans several districts and the "
                    + "municipality does not decide it; 422 for a malformed or unknown postal code")
    public JurisdictionResponse route(
            @Parameter(description = "Postal code of residence, or of the place of work for the accelerated procedure")
            @QueryParam("postalCode") String postalCode,
            @Parameter(description = "Case type code, e.g. BLUE_CARD; central offices take over some types")
            @QueryParam("caseType") String caseType,
            @Parameter(description = "Place name, to decide a postal code that spans several districts")
            @QueryParam("municipality") String municipality) {
        if (postalCode == null || postalCode.isEmpty()) {
            throw badRequest("postalCode", "must not be empty");
        }
        if (caseType != null && !CASE_TYPE.matcher(caseType).matches()) {
            throw badRequest("caseType", "must be a case type code like BLUE_CARD");
        }
        return JurisdictionResponse.of(
                jurisdiction.route(postalCode, caseType, competence(caseType), municipality, "postalCode"));
    }

    @GET
    @Path("offices/{officeId}")
    @Operation(summary = "An office of the register: its name, Land, districts and central roles")
    public Office office(@PathParam("officeId") String officeId) {
        return jurisdiction.office(officeId).orElseThrow(() -> ProblemException.notFound("Office " + officeId));
    }

    private static ProblemException badRequest(String field, String reason) {
        return new ProblemException(Problem.typed("invalid-request", "Invalid request", 400,
                "Query parameter " + field + " " + reason)
                .withInvalidParams(List.of(new Problem.InvalidParam(field, reason))));
    }

    private Competence competence(String caseType) {
        if (caseType == null) {
            return Competence.RESIDENCE;
        }
        if (catalogue.isResolvable()) {
            return catalogue.get().applicable(caseType, LocalDate.now()).map(CaseTypeVersion::competence)
                    .orElseThrow(() -> new ProblemException(Problem.typed("unknown-case-type", "Unknown case type",
                            422, "Case type " + caseType + " is not in the catalogue")
                            .withInvalidParams(List.of(new Problem.InvalidParam("caseType", "unknown case type")))));
        }
        return PLACE_OF_WORK_TYPES.contains(caseType) ? Competence.PLACE_OF_WORK : Competence.RESIDENCE;
    }
}
