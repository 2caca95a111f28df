package de.fallnetz.cases.catalogue.api;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import de.fallnetz.cases.catalogue.CaseTypeVersion;
import de.fallnetz.cases.catalogue.CatalogueEntry;
import de.fallnetz.cases.catalogue.YamlCaseTypeCatalogue;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;
import io.quarkus.security.Authenticated;

/** The case-type catalogue, read-only (the gateway exposes it as {@code /api/case-types}). */
@Path("/case-types")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class CaseTypeResource {

    private final YamlCaseTypeCatalogue catalogue;
    private final ObjectMapper json;

    public CaseTypeResource(YamlCaseTypeCatalogue catalogue, ObjectMapper json) {
        this.catalogue = catalogue;
        this.json = json;
    }

    @GET
    @Operation(summary = "The case types", description = "Every case type with its titles, the version that applies "
            + "to a case opened today (null before the first is valid) and all its versions, drafts included")
    public List<CaseTypeSummary> list() {
        return catalogue.codes().stream().map(this::summary).toList();
    }

    @GET
    @Path("{code}/versions/{version}")
    @Operation(summary = "One version of a case type", description = "The whole version: fields, checklist, "
            + "interactions with conditions and deadlines, fees, status texts, outcome documents; and, where the "
            + "type has them, salaryThresholds, parameters and changeNote")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CaseTypeVersion.class)))
    @APIResponse(responseCode = "404", description = "No such case type or version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ObjectNode version(
            @Parameter(description = "Case type code", example = "BLUE_CARD") @PathParam("code") String code,
            @Parameter(description = "Version number, from 1", example = "1") @PathParam("version") String version) {
        CatalogueEntry entry = parse(version).flatMap(n -> catalogue.entry(code, n))
                .orElseThrow(() -> ProblemException.notFound("Version " + version + " of case type " + code));
        ObjectNode body = json.valueToTree(entry.version());
        if (entry.salaryThresholds() != null) {
            body.set("salaryThresholds", json.valueToTree(entry.salaryThresholds()));
        }
        body.set("parameters", json.valueToTree(entry.parameters()));
        if (entry.changeNote() != null) {
            body.put("changeNote", entry.changeNote());
        }
        return body;
    }

    private CaseTypeSummary summary(String code) {
        List<CatalogueEntry> entries = catalogue.entries(code);
        CaseTypeVersion newest = entries.get(entries.size() - 1).version();
        return new CaseTypeSummary(code, newest.title(), newest.titleEn(),
                catalogue.current(code).map(CaseTypeVersion::version).orElse(null),
                entries.stream().map(e -> new CaseTypeSummary.VersionSummary(e.version().version(),
                        e.version().status(), e.version().validFrom(), e.changeNote())).toList());
    }

    private static Optional<Integer> parse(String version) {
        return version.matches("[1-9][0-9]{0,5}") ? Optional.of(Integer.parseInt(version))
                : Optional.empty();
    }
}
