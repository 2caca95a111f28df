package de.fallnetz.platform.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Sign-in failures as problem+json, the same in every service: a missing, expired or forged bearer token is a 401
 * with {@code WWW-Authenticate: Bearer}, a token without the role the path needs a 403.
 */
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
                "A valid token (Authorization: Bearer …) is needed").withInstance(uri.getPath()).toResponse();
        return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer").build();
    }
}
