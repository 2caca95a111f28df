package de.fallnetz.gateway.partner;

import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import de.fallnetz.gateway.identity.Caller;
import de.fallnetz.platform.rest.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The partner API's webhook subscriptions, {@code /partner/v1/subscriptions/…}, passed on path for path to
 * notification-service, which serves them under the same paths and keeps each organisation to its own (claim
 * {@code partner_org}). Checked here like the front door's requests: role {@code partner}, scope
 * {@code requests:read} to read and {@code requests:write} to change, the same rate limit per client. This literal
 * path wins over the front door's {@code /partner/v1/{service}/requests}, so no interaction service can be called
 * "subscriptions".
 */
@Path("/partner/v1/subscriptions")
@RolesAllowed("partner")
public class PartnerSubscriptionsResource {

    private static final String NAME = "notification-service";
    private static final String BASE = "/partner/v1/subscriptions";

    private final String target;
    private final PartnerForwarder forwarder;
    private final SecurityIdentity identity;

    public PartnerSubscriptionsResource(
            @ConfigProperty(name = "quarkus.rest-client.notification-service.url") Optional<String> url,
            PartnerForwarder forwarder, SecurityIdentity identity) {
        this.target = url.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).orElse(null);
        this.forwarder = forwarder;
        this.identity = identity;
    }

    @GET
    @Operation(hidden = true)
    public Response list(@Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("GET", "", uri, headers, null, PartnerForwarder.READ);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Response subscribe(@Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward("POST", "", uri, headers, body, PartnerForwarder.WRITE);
    }

    @GET
    @Path("{id}")
    @Operation(hidden = true)
    public Response get(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("GET", "/" + id, uri, headers, null, PartnerForwarder.READ);
    }

    @DELETE
    @Path("{id}")
    @Operation(hidden = true)
    public Response delete(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("DELETE", "/" + id, uri, headers, null, PartnerForwarder.WRITE);
    }

    @GET
    @Path("{id}/{list: deliveries|dead-letters}")
    @Operation(hidden = true)
    public Response deliveries(@PathParam("id") String id, @PathParam("list") String list, @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return forward("GET", "/" + id + "/" + list, uri, headers, null, PartnerForwarder.READ);
    }

    @POST
    @Path("{id}/{action: secrets|resume|dead-letters/replay}")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Response act(@PathParam("id") String id, @PathParam("action") String action, @Context UriInfo uri,
            @Context HttpHeaders headers, byte[] body) {
        return forward("POST", "/" + id + "/" + action, uri, headers, body, PartnerForwarder.WRITE);
    }

    @POST
    @Path("{id}/dead-letters/{deliveryId}/replay")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Response replayOne(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId,
            @Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward("POST", "/" + id + "/dead-letters/" + deliveryId + "/replay", uri, headers, body,
                PartnerForwarder.WRITE);
    }

    private Response forward(String method, String rest, UriInfo uri, HttpHeaders headers, byte[] body,
            String scope) {
        Caller caller = Caller.of(identity);
        forwarder.requireScope(caller, scope);
        // Ids are UUIDs over there; anything else (a decoded "/" or "..") must not reach another path of the service.
        if (!rest.matches("(/[A-Za-z0-9-]{1,64})*")) {
            throw ProblemException.notFound("Subscription");
        }
        // Same paths on both sides, so a Location header needs no rewriting.
        return forwarder.forward(caller, NAME, target, method, BASE + rest, uri, headers, body, l -> l);
    }
}
