package de.fallnetz.gateway.cases;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import de.fallnetz.platform.rest.Problem;

public class CaseGatewayExceptionMappers {

    private static final Logger LOG = Logger.getLogger(CaseGatewayExceptionMappers.class);

    @ServerExceptionMapper
    public Response upstream(UpstreamProblemException e) {
        return Response.status(e.status()).type(e.mediaType()).entity(e.body()).build();
    }

    @ServerExceptionMapper
    public Response unavailable(CaseServiceUnavailableException e, UriInfo uri) {
        return caseServiceUnavailable(e, uri);
    }

    @ServerExceptionMapper
    public Response unreachable(ProcessingException e, UriInfo uri) {
        return caseServiceUnavailable(e, uri);
    }

    @ServerExceptionMapper
    public Response timeout(TimeoutException e, UriInfo uri) {
        return caseServiceUnavailable(e, uri);
    }

    private static Response caseServiceUnavailable(Exception e, UriInfo uri) {
        LOG.warnf("case-service unavailable for %s: %s", uri.getPath(), e.toString());
        Problem problem = Problem.typed("service-unavailable", "Service Unavailable", 503,
                "The case service cannot be reached right now; nothing was changed. Try again shortly.")
                .withInstance(uri.getPath());
        return Response.fromResponse(problem.toResponse()).header("Retry-After", "5").build();
    }
}
