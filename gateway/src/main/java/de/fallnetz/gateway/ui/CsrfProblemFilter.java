package de.fallnetz.gateway.ui;

import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import de.fallnetz.platform.rest.Problem;
import io.vertx.ext.web.RoutingContext;

/**
 * Turns quarkus-rest-csrf's bare 400 (a form or htmx request without the page's CSRF token, or with another one) into
 * a 403 problem document, so a refused request says why like every other refusal. The extension marks a request
 * whose token it checked; an unsafe request it aborted without a body is one it refused.
 * <p>
 * Before that, an unsafe request to the pages ({@code /ui}, {@code /portal}) that the browser says came from another
 * site ({@code Sec-Fetch-Site} other than {@code same-origin} or {@code none}, which every current browser sends) is
 * refused the same way. It keeps out what the double-submit token alone cannot: a form of a site that managed to
 * plant a cookie of its own for this host. (No Origin comparison: behind a TLS-terminating proxy the gateway does not
 * know its own public origin.)
 */
public class CsrfProblemFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** Set by quarkus-rest-csrf once a token matched. */
    private static final String VERIFIED = "csrf_token_verified";
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    @ServerRequestFilter(preMatching = true)
    public Response fromAnotherSite(ContainerRequestContext request, RoutingContext routing) {
        String path = routing.normalizedPath();
        if (SAFE.contains(request.getMethod()) || !(isUnder(path, "/ui") || isUnder(path, "/portal"))) {
            return null;
        }
        String site = request.getHeaderString("Sec-Fetch-Site");
        return site != null && !OWN_SITE.contains(site) ? refusal() : null;
    }

    private static boolean isUnder(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }

    private static Response refusal() {
        return Problem.typed("csrf", "Forbidden", 403,
                "The request comes from another site; send the form from Fallnetz's own page").toResponse();
    }

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
