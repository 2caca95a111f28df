package de.fallnetz.notifications.webhooks;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import de.fallnetz.platform.rest.ProblemException;

/** Operator settings of a subscription: whether it may call an address in a private network. */
@Path("/operator/webhook-subscriptions/{id}/private-network")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
@Tag(name = "Operator")
public class OperatorSubscriptionResource {

    private final SubscriptionService subscriptions;

    public OperatorSubscriptionResource(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @PUT
    @Operation(summary = "Allow the subscription's target in a private, loopback or link-local network")
    public SubscriptionResponse allow(@PathParam("id") String id) {
        return set(id, true);
    }

    @DELETE
    @Operation(summary = "Withdraw that permission")
    public SubscriptionResponse refuse(@PathParam("id") String id) {
        return set(id, false);
    }

    private SubscriptionResponse set(String id, boolean allowed) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Subscription " + id);
        }
        subscriptions.find(uuid).orElseThrow(() -> ProblemException.notFound("Subscription " + id));
        subscriptions.allowPrivateNetwork(uuid, allowed);
        return SubscriptionResponse.of(subscriptions.find(uuid).orElseThrow(), null);
    }
}
