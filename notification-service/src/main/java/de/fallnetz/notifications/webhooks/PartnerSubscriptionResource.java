package de.fallnetz.notifications.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.contracts.events.InteractionEvent;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/**
 * Webhook subscriptions of the caller's partner organisation (claim {@code partner_org}); another organisation's do
 * not exist for it (404). Deliveries are signed per Standard Webhooks with the secret returned on create and rotate.
 */
@Path("/partner/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("partner")
@Tag(name = "Partner webhooks", description = "Subscriptions to the organisation's interaction events")
@SecurityScheme(securitySchemeName = "partnerToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT")
@SecurityRequirement(name = "partnerToken")
public class PartnerSubscriptionResource {

    /** Event types a partner may subscribe to: those of interactions, which name the partner organisation. */
    static final Set<String> SUBSCRIBABLE = java.util.Arrays.stream(EventType.values())
            .filter(t -> InteractionEvent.class.isAssignableFrom(t.dataClass()))
            .map(EventType::type)
            .collect(Collectors.toCollection(java.util.TreeSet::new));

    private final JsonWebToken token;
    private final SubscriptionService subscriptions;
    private final WebhookTargets targets;

    public PartnerSubscriptionResource(JsonWebToken token, SubscriptionService subscriptions, WebhookTargets targets) {
        this.token = token;
        this.subscriptions = subscriptions;
        this.targets = targets;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe a URL to event types, optionally filtered by interaction kind and office")
    public Response create(@NotNull @Valid SubscriptionRequest request) {
        List<Problem.InvalidParam> invalid = new ArrayList<>();
        targets.refusal(request.url()).ifPresent(r -> invalid.add(new Problem.InvalidParam("url", r)));
        for (String type : request.eventTypes()) {
            if (!SUBSCRIBABLE.contains(type)) {
                invalid.add(new Problem.InvalidParam("eventTypes", type + " is not one of " + SUBSCRIBABLE));
            }
        }
        if (!invalid.isEmpty()) {
            throw new ProblemException(Problem.typed("invalid-subscription", "Invalid subscription", 422,
                    "The subscription cannot be used as given").withInvalidParams(invalid));
        }
        boolean privateTarget = targets.isPrivate(request.url());
        String secret = WebhookSigner.newSecret();
        Subscription s = subscriptions.create(organisation(), request.url(), request.eventTypes(),
                orEmpty(request.interactionKinds()), orEmpty(request.officeIds()), request.contactEmail(),
                privateTarget, secret);
        return Response.status(201).entity(SubscriptionResponse.of(s, secret)).build();
    }

    @GET
    @Operation(summary = "The organisation's subscriptions")
    public List<SubscriptionResponse> list() {
        return subscriptions.ofOrganisation(organisation()).stream().map(s -> SubscriptionResponse.of(s, null))
                .toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One subscription")
    public SubscriptionResponse get(@PathParam("id") String id) {
        return SubscriptionResponse.of(own(id), null);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "End a subscription; its undelivered messages are dropped")
    public Response delete(@PathParam("id") String id) {
        subscriptions.delete(own(id).id());
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/secrets")
    @Operation(summary = "Rotate the signing secret: the new one signs at once, the old one for 24 hours more")
    public SubscriptionResponse rotate(@PathParam("id") String id) {
        Subscription s = own(id);
        return SubscriptionResponse.of(s, subscriptions.rotate(s.id(), WebhookSigner.newSecret()));
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused subscription; waiting messages go out in order")
    public SubscriptionResponse resume(@PathParam("id") String id) {
        Subscription s = own(id);
        if (Subscription.PAUSED.equals(s.status())) {
            subscriptions.setStatus(s.id(), Subscription.ACTIVE, null);
        }
        return SubscriptionResponse.of(own(id), null);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "Deliveries with every attempt (status, latency, error); status=DEAD for the dead letters")
    public List<SubscriptionService.DeliveryView> deliveries(@PathParam("id") String id,
            @QueryParam("status") String status) {
        return subscriptions.deliveries(own(id).id(), status);
    }

    @GET
    @Path("/{id}/dead-letters")
    @Operation(summary = "Deliveries that failed the whole retry schedule")
    public List<SubscriptionService.DeliveryView> deadLetters(@PathParam("id") String id) {
        return subscriptions.deliveries(own(id).id(), "DEAD");
    }

    @POST
    @Path("/{id}/dead-letters/replay")
    @Operation(summary = "Replay every dead letter (and resume the subscription)")
    public ReplayResponse replayAll(@PathParam("id") String id) {
        return new ReplayResponse(subscriptions.replay(own(id).id(), null));
    }

    @POST
    @Path("/{id}/dead-letters/{deliveryId}/replay")
    @Operation(summary = "Replay one dead letter (and resume the subscription)")
    public ReplayResponse replayOne(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        int replayed = subscriptions.replay(own(id).id(), uuid(deliveryId, "dead letter"));
        if (replayed == 0) {
            throw ProblemException.notFound("Dead letter " + deliveryId);
        }
        return new ReplayResponse(replayed);
    }

    /** How many dead letters went back into the queue. */
    public record ReplayResponse(int replayed) {
    }

    private Subscription own(String id) {
        return subscriptions.find(uuid(id, "subscription"), organisation())
                .orElseThrow(() -> ProblemException.notFound("Subscription " + id));
    }

    private static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what + " " + id);
        }
    }

    private String organisation() {
        String org = token.getClaim("partner_org");
        if (org == null || org.isBlank()) {
            throw new io.quarkus.security.UnauthorizedException("The token names no partner organisation");
        }
        return org;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
