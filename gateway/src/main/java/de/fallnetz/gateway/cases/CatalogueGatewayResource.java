package de.fallnetz.gateway.cases;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

/** Reference data of the case service: the case-type catalogue and the office register's routing. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogueGatewayResource {

    private final CaseLifecycleClient cases;

    public CatalogueGatewayResource(@RestClient CaseLifecycleClient cases) {
        this.cases = cases;
    }

    @GET
    @Path("case-types")
    @Operation(summary = "The case-type catalogue: every case type with its versions")
    public JsonNode caseTypes() {
        return cases.caseTypes();
    }

    @GET
    @Path("case-types/{code}/versions/{version}")
    @Operation(summary = "One version of a case type: fields, checklist, partner interactions, fees, texts")
    public JsonNode caseTypeVersion(@PathParam("code") String code, @PathParam("version") String version) {
        return cases.caseTypeVersion(code, version);
    }

    @GET
    @Path("jurisdiction")
    @Operation(summary = "Which office is competent for a postal code and case type")
    public JsonNode jurisdiction(@QueryParam("postalCode") @NotNull String postalCode,
            @QueryParam("caseType") String caseType, @QueryParam("municipality") @Size(max = 100) String municipality) {
        return cases.jurisdiction(postalCode, caseType, municipality);
    }
}
