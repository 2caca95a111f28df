package de.fallnetz.gateway.ui;

import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import de.fallnetz.platform.rest.Problem;
import io.vertx.ext.web.RoutingContext;

/**
 * Turns quarkus-rest-csrf's bare 400 (a form or htmx request without the page's CSRF token, or with another one) into
 * a 403 problem document, so a refused request says why like every other refusal. The extension marks a request
 * whose token it checked; an unsafe request it aborted without a body is one it refused.
 */
public class CsrfProblemFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** Set by quarkus-rest-csrf once a token matched. */
    private static final String VERIFIED = "csrf_token_verified";

    @ServerResponseFilter
    public void refusedByCsrf(ContainerRequestContext request, ContainerResponseContext response,
            RoutingContext routing) {
        if (response.getStatus() != 400 || response.hasEntity() || SAFE.contains(request.getMethod())
                || routing.get(VERIFIED) != null) {
            return;
        }
        response.setStatus(Response.Status.FORBIDDEN.getStatusCode());
        response.setEntity(Problem.typed("csrf", "Forbidden", 403,
                "The request does not carry this page's CSRF token: reload the page and send it again"), null,
                Problem.MEDIA_TYPE_OBJECT);
    }
}
