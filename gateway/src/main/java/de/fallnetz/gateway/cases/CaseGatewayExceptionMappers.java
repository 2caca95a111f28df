package de.fallnetz.gateway.cases;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import de.fallnetz.gateway.config.GatewayConfig;
import de.fallnetz.platform.rest.Problem;
import io.vertx.core.http.HttpClosedException;

/** Turns what can go wrong between the gateway and the case service into problems the client can act on. */
public class CaseGatewayExceptionMappers {

    private static final Logger LOG = Logger.getLogger(CaseGatewayExceptionMappers.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayConfig config;
    private final CaseOpeningConfig opening;

    public CaseGatewayExceptionMappers(GatewayConfig config, CaseOpeningConfig opening) {
        this.config = config;
        this.opening = opening;
    }

    @ServerExceptionMapper
    public Response upstream(UpstreamProblemException e) {
        return Response.status(e.status()).type(e.mediaType()).entity(e.body()).build();
    }

    /**
     * Case-service's own 503 that says when to repeat (after a read's retries): its problem goes to the client with
     * its type and Retry-After, under the gateway's path rather than case-service's.
     */
    @ServerExceptionMapper
    public Response caseServiceBusy(CaseServiceBusyException e, UriInfo uri) {
        LOG.warnf("case-service busy for %s (Retry-After %s)", uri.getPath(), e.retryAfter());
        String body = e.body();
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem instanceof ObjectNode fields) {
                fields.put("instance", uri.getPath());
                body = JSON.writeValueAsString(fields);
            }
        } catch (JsonProcessingException notJson) {
            return caseServiceUnavailable(e, uri);
        }
        return Response.status(503).type(e.mediaType()).entity(body).header("Retry-After", e.retryAfter()).build();
    }

    @ServerExceptionMapper
    public Response unconfirmed(CaseOpeningUnconfirmedException e, UriInfo uri) {
        LOG.warnf("case-service did not confirm a new case (Idempotency-Key %s): %s", e.idempotencyKey(),
                e.getCause().toString());
        return Response.fromResponse(unavailable(uri, "The case service did not confirm the case. Repeat the request"
                + " with the Idempotency-Key of this answer: a case opened meanwhile is returned, never opened twice."))
                .header(CaseGatewayResource.IDEMPOTENCY_KEY, e.idempotencyKey()).build();
    }

    /** Not logged one by one: under a retry storm there are thousands; CaseOpeningAdmission counts them. */
    @ServerExceptionMapper
    public Response busy(CaseOpeningBusyException e, UriInfo uri) {
        Problem problem = Problem.typed("service-unavailable", "Service Unavailable", 503, "The gateway is opening as"
                + " many cases as it may at once. Repeat the request after Retry-After with the Idempotency-Key of this"
                + " answer: a case is never opened twice.").withInstance(uri.getPath());
        return Response.fromResponse(problem.toResponse())
                .header("Retry-After", String.valueOf(Math.max(1, opening.retryAfter().toSeconds())))
                .header(CaseGatewayResource.IDEMPOTENCY_KEY, e.idempotencyKey()).build();
    }

    @ServerExceptionMapper
    public Response unavailable(CaseServiceUnavailableException e, UriInfo uri) {
        return caseServiceUnavailable(e, uri);
    }

    @ServerExceptionMapper
    public Response unreachable(ProcessingException e, UriInfo uri) {
        return caseServiceUnavailable(e, uri);
    }

    /** A connection that case-service's death closed mid-request: Vert.x reports it as such, not as a ProcessingException. */
    @ServerExceptionMapper
    public Response closed(HttpClosedException e, UriInfo uri) {
        return caseServiceUnavailable(e, uri);
    }

    @ServerExceptionMapper
    public Response timeout(TimeoutException e, UriInfo uri) {
        return caseServiceUnavailable(e, uri);
    }

    private Response caseServiceUnavailable(Exception e, UriInfo uri) {
        LOG.warnf("case-service unavailable for %s: %s", uri.getPath(), e.toString());
        return unavailable(uri, "The case service cannot be reached right now. Try again shortly.");
    }

    private Response unavailable(UriInfo uri, String detail) {
        Problem problem = Problem.typed("service-unavailable", "Service Unavailable", 503, detail)
                .withInstance(uri.getPath());
        return Response.fromResponse(problem.toResponse())
                .header("Retry-After", String.valueOf(Math.max(1, config.retryAfter().toSeconds()))).build();
    }
}
