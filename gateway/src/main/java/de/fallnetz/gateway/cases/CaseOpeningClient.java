package de.fallnetz.gateway.cases;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

import de.fallnetz.contracts.cases.CaseResponse;
import de.fallnetz.contracts.cases.OpenCaseRequest;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClosedException;

/**
 * Opening a case at the case service, non-blocking: the gateway's busiest call stays on the event loop instead of
 * handing each request to a worker thread and back while case-service answers. The caller's internal token is an
 * argument, signed when the opening is admitted (see {@link CaseGatewayResource}). Same address, timeouts and retries
 * as {@link CaseServiceClient}: a blocking call gets every failure to connect or to answer in time wrapped in a
 * {@link ProcessingException}, a non-blocking one gets the cause itself (an {@link IOException}, or Vert.x's
 * {@link TimeoutException} when the read timeout passes), so those are named here.
 */
@RegisterRestClient(configKey = "case-service")
@RegisterProvider(TolerantResponses.class)
@Path("/cases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Timeout(value = 10, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 300, retryOn = { ProcessingException.class, IOException.class, TimeoutException.class,
        HttpClosedException.class, CaseServiceUnavailableException.class })
public interface CaseOpeningClient {

    @POST
    Uni<RestResponse<CaseResponse>> open(OpenCaseRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @HeaderParam("Authorization") String authorization);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return CaseServiceClient.toException(response);
    }
}
