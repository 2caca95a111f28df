package de.fallnetz.gateway.ops;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import de.fallnetz.gateway.identity.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * Operators approve a partner's webhook target in a private network (role {@code operator}), through the one entry
 * point: notification-service is not reachable from outside. Its answer is passed on as it came.
 */
@Path("/api/ops/webhook-subscriptions/{id}/private-network")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
public class WebhookApprovalResource {

    private final WebhookApprovalService approvals;
    private final SecurityIdentity identity;
    private final HttpServerRequest http;

    public WebhookApprovalResource(WebhookApprovalService approvals, SecurityIdentity identity,
            HttpServerRequest http) {
        this.approvals = approvals;
        this.identity = identity;
        this.http = http;
    }

    @PUT
    @Operation(summary = "Allow a webhook subscription's private-network target (operators, audited)")
    public Response allow(@PathParam("id") String id) {
        return IncidentsResource.passOn(approvals.privateNetwork(Caller.of(identity), client(), id, true));
    }

    @DELETE
    @Operation(summary = "Withdraw that permission (operators, audited)")
    public Response withdraw(@PathParam("id") String id) {
        return IncidentsResource.passOn(approvals.privateNetwork(Caller.of(identity), client(), id, false));
    }

    private String client() {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }
}
