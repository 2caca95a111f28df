package de.fallnetz.cases.access;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import de.fallnetz.platform.rest.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** A missing, expired or forged internal token is a problem+json 401; a role without case work a 403. */
public class AuthProblemMappers {

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.typed("forbidden", "Forbidden", 403, "The caller's role does not allow this")
                .withInstance(uri.getPath()).toResponse();
    }

    private static Response unauthenticated(UriInfo uri) {
        Response problem = Problem.typed("unauthenticated", "Unauthorized", 401,
                "The gateway's token for the caller (Authorization: Bearer …) is needed").withInstance(uri.getPath())
                .toResponse();
        return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer").build();
    }
}
