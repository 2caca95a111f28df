package de.fallnetz.gateway.cases;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import de.fallnetz.contracts.cases.CaseCommands;
import de.fallnetz.contracts.cases.CaseResponse;
import de.fallnetz.contracts.cases.OfficeStatisticsResponse;
import de.fallnetz.contracts.cases.WorklistResponse;
import de.fallnetz.gateway.identity.InternalTokenHeaders;
import de.fallnetz.platform.rest.Problem;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.vertx.core.http.HttpClosedException;

/**
 * The case service's lifecycle API: commands, worklist, documents, catalogue and jurisdiction. Reads are retried on
 * connection failures; commands are not (a command without an Idempotency-Key is not safe to repeat blindly).
 */
@RegisterRestClient(configKey = "case-service")
@RegisterClientHeaders(InternalTokenHeaders.class)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Timeout(value = 10, unit = ChronoUnit.SECONDS)
public interface CaseLifecycleClient {

    @GET
    @Path("/cases")
    @Retry(maxRetries = 2, delay = 300, retryOn = { ProcessingException.class, HttpClosedException.class,
        CaseServiceUnavailableException.class })
    WorklistResponse worklist(@QueryParam("officeId") String officeId, @QueryParam("status") String status,
            @QueryParam("assignee") String assignee, @QueryParam("unassigned") Boolean unassigned,
            @QueryParam("overdue") Boolean overdue, @QueryParam("caseType") String caseType,
            @QueryParam("q") String text, @QueryParam("dateOfBirth") LocalDate dateOfBirth,
            @QueryParam("includeFinished") Boolean includeFinished, @QueryParam("after") String after,
            @QueryParam("limit") Integer limit);

    /** The team lead's figures of their own office (role team-lead; the office comes from the internal token). */
    @GET
    @Path("/statistics")
    @Retry(maxRetries = 2, delay = 300, retryOn = { ProcessingException.class, HttpClosedException.class,
        CaseServiceUnavailableException.class })
    OfficeStatisticsResponse statistics();

    @GET
    @Path("/cases/{caseId}/documents/{documentId}")
    @Produces({ "application/pdf", MediaType.APPLICATION_JSON })
    @Retry(maxRetries = 2, delay = 300, retryOn = { ProcessingException.class, HttpClosedException.class,
        CaseServiceUnavailableException.class })
    RestResponse<byte[]> document(@PathParam("caseId") String caseId, @PathParam("documentId") String documentId);

    @GET
    @Path("/case-types")
    @Retry(maxRetries = 2, delay = 300, retryOn = { ProcessingException.class, HttpClosedException.class,
        CaseServiceUnavailableException.class })
    JsonNode caseTypes();

    @GET
    @Path("/case-types/{code}/versions/{version}")
    @Retry(maxRetries = 2, delay = 300, retryOn = { ProcessingException.class, HttpClosedException.class,
        CaseServiceUnavailableException.class })
    JsonNode caseTypeVersion(@PathParam("code") String code, @PathParam("version") String version);

    @GET
    @Path("/jurisdiction")
    @Retry(maxRetries = 2, delay = 300, retryOn = { ProcessingException.class, HttpClosedException.class,
        CaseServiceUnavailableException.class })
    JsonNode jurisdiction(@QueryParam("postalCode") String postalCode, @QueryParam("caseType") String caseType,
            @QueryParam("municipality") String municipality);

    @POST
    @Path("/cases/{caseId}/assignment")
    RestResponse<CaseResponse> assign(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String key, CaseCommands.AssignRequest body);

    @POST
    @Path("/cases/{caseId}/checklist/{itemId}/tick")
    RestResponse<CaseResponse> tick(@PathParam("caseId") String caseId, @PathParam("itemId") String itemId,
            @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key,
            CaseCommands.ChecklistChangeRequest body);

    @POST
    @Path("/cases/{caseId}/checklist/{itemId}/untick")
    RestResponse<CaseResponse> untick(@PathParam("caseId") String caseId, @PathParam("itemId") String itemId,
            @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key,
            CaseCommands.ChecklistChangeRequest body);

    @POST
    @Path("/cases/{caseId}/document-requests")
    RestResponse<CaseResponse> requestDocuments(@PathParam("caseId") String caseId,
            @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key,
            CaseCommands.DocumentsRequest body);

    @POST
    @Path("/cases/{caseId}/interactions/{interactionId}/information")
    RestResponse<CaseResponse> supplyInformation(@PathParam("caseId") String caseId,
            @PathParam("interactionId") String interactionId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String key, CaseCommands.SupplyInformationRequest body);

    @POST
    @Path("/cases/{caseId}/hearing")
    RestResponse<CaseResponse> hearing(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String key, CaseCommands.HearingRequest body);

    @POST
    @Path("/cases/{caseId}/decision")
    RestResponse<CaseResponse> decide(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String key, CaseCommands.DecisionRequest body);

    @POST
    @Path("/cases/{caseId}/withdrawal")
    RestResponse<CaseResponse> withdraw(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String key, CaseCommands.WithdrawalRequest body);

    @POST
    @Path("/cases/{caseId}/transfer")
    RestResponse<CaseResponse> transfer(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String key, CaseCommands.TransferRequest body);

    @POST
    @Path("/cases/{caseId}/transfer-acceptance")
    RestResponse<CaseResponse> acceptTransfer(@PathParam("caseId") String caseId,
            @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key);

    @POST
    @Path("/cases/{caseId}/office")
    RestResponse<CaseResponse> chooseOffice(@PathParam("caseId") String caseId,
            @HeaderParam("If-Match") String ifMatch, @HeaderParam("Idempotency-Key") String key,
            CaseCommands.OfficeChoiceRequest body);

    @POST
    @Path("/cases/{caseId}/closure")
    RestResponse<CaseResponse> close(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String key);

    @POST
    @Path("/cases/{caseId}/card-ready")
    RestResponse<CaseResponse> cardReady(@PathParam("caseId") String caseId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Idempotency-Key") String key, CaseCommands.CardReadyRequest body);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        String retryAfter = response.getHeaderString("Retry-After");
        if (response.getStatus() == 503 && retryAfter != null && response.getMediaType() != null
                && Problem.MEDIA_TYPE_OBJECT.isCompatible(response.getMediaType())) {
            // The case service's own "busy, repeat after Retry-After" (letters-busy, its database restarting). Opening
            // a case keeps its own answer, which hands out the Idempotency-Key (CaseServiceClient).
            response.bufferEntity();
            return new CaseServiceBusyException(response.getMediaType(), response.readEntity(String.class), retryAfter);
        }
        return CaseServiceClient.toException(response);
    }
}
