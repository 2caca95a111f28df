package de.fallnetz.gateway.partner;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import de.fallnetz.gateway.identity.Caller;
import de.fallnetz.platform.rest.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The one front door of the partner API: {@code /partner/v1/{service}/requests/…} goes to the interaction service of
 * that kind ({@code /partner/v1/requests/…} there), with the partner checked here (role {@code partner}, scope
 * {@code requests:read} to read and {@code requests:write} to act, a rate limit per client) and passed on as the
 * gateway's internal token. The service applies need-to-know ({@code partner_org}) and idempotency itself. The
 * complete contract: {@code /partner/openapi.yaml}.
 */
@Path("/partner/v1/{service}/requests")
@RolesAllowed("partner")
public class PartnerFrontDoorResource {

    private final Map<String, String> routes;
    private final PartnerForwarder forwarder;
    private final SecurityIdentity identity;

    public PartnerFrontDoorResource(PartnerFrontDoorConfig config, PartnerForwarder forwarder,
            SecurityIdentity identity) {
        this.routes = config.routeMap();
        this.forwarder = forwarder;
        this.identity = identity;
    }

    @GET
    @Operation(hidden = true)
    public Response inbox(@PathParam("service") String service, @Context UriInfo uri, @Context HttpHeaders headers) {
        return forward(service, "GET", "", uri, headers, null, PartnerForwarder.READ);
    }

    @GET
    @Path("{id}")
    @Operation(hidden = true)
    public Response request(@PathParam("service") String service, @PathParam("id") String id, @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return forward(service, "GET", "/" + id, uri, headers, null, PartnerForwarder.READ);
    }

    @POST
    @Path("{id}/{action: claim|answer|information-requests}")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Response act(@PathParam("service") String service, @PathParam("id") String id,
            @PathParam("action") String action, @Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward(service, "POST", "/" + id + "/" + action, uri, headers,
                HttpRequest.BodyPublishers.ofByteArray(body), PartnerForwarder.WRITE);
    }

    /**
     * A document of up to 10 MiB (the route's body limit, application.properties): passed on as it arrives, with its
     * Content-Length, never held in memory as a whole.
     */
    @POST
    @Path("{id}/documents")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Response upload(@PathParam("service") String service, @PathParam("id") String id, @Context UriInfo uri,
            @Context HttpHeaders headers, InputStream body) {
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> body);
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.matches("\\d{1,18}")) {
            stream = HttpRequest.BodyPublishers.fromPublisher(stream, Long.parseLong(length));
        }
        return forward(service, "POST", "/" + id + "/documents", uri, headers, stream, PartnerForwarder.WRITE);
    }

    private Response forward(String service, String method, String rest, UriInfo uri, HttpHeaders headers,
            HttpRequest.BodyPublisher body, String scope) {
        Caller caller = Caller.of(identity);
        forwarder.requireScope(caller, scope);
        String target = routes.get(service);
        if (target == null) {
            throw ProblemException.notFound("Partner API " + service);
        }
        return forwarder.forward(caller, service, target, method, "/partner/v1/requests" + rest, uri, headers, body,
                location -> location.replace("/partner/v1/requests", "/partner/v1/" + service + "/requests"));
    }
}
