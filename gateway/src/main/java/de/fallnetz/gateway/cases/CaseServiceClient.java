package de.fallnetz.gateway.cases;

import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import de.fallnetz.contracts.cases.CaseResponse;
import de.fallnetz.contracts.cases.OpenCaseRequest;
import de.fallnetz.contracts.cases.TimelineResponse;
import de.fallnetz.gateway.identity.InternalTokenHeaders;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.vertx.core.http.HttpClosedException;

/**
 * The case service's REST API. Calls are retried on connection failures and 5xx answers; opening a case is safe to
 * retry because the gateway always sends an Idempotency-Key.
 */
@RegisterRestClient(configKey = "case-service")
@RegisterClientHeaders(InternalTokenHeaders.class)
@RegisterProvider(TolerantResponses.class)
@Path("/cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Timeout(value = 10, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 300, retryOn = { ProcessingException.class, HttpClosedException.class,
        CaseServiceUnavailableException.class })
public interface CaseServiceClient {

    @POST
    RestResponse<CaseResponse> open(OpenCaseRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey);

    @GET
    @Path("{caseId}")
    CaseResponse get(@PathParam("caseId") String caseId);

    @GET
    @Path("{caseId}/timeline")
    TimelineResponse timeline(@PathParam("caseId") String caseId);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        if (response.getStatus() >= 500) {
            return new CaseServiceUnavailableException("case-service answered " + response.getStatus());
        }
        response.bufferEntity();
        return new UpstreamProblemException(response.getStatus(), response.getMediaType(),
                response.readEntity(String.class));
    }
}
