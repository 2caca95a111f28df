package de.fallnetz.platform.messaging.ops;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import de.fallnetz.platform.rest.ProblemException;

/**
 * The operator endpoint every service with platform-messaging serves (role {@code operator}, the gateway's internal
 * token): the events its consumers parked, its stuck outbox rows and its consumer lag, and the actions on them. The
 * gateway aggregates it over all services and writes the audit trail; this side logs who did what.
 */
@Path("/ops/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
public class OperationsResource {

    private static final Logger LOG = Logger.getLogger(OperationsResource.class);

    private final String service;
    private final ParkedEvents parked;
    private final OutboxIncidents outbox;
    private final ConsumerLags lags;

    public OperationsResource(@ConfigProperty(name = "quarkus.application.name") String service,
            ParkedEvents parked, OutboxIncidents outbox, ConsumerLags lags) {
        this.service = service;
        this.parked = parked;
        this.outbox = outbox;
        this.lags = lags;
    }

    public record RetryRequest(@NotEmpty @Size(max = 100) List<@NotNull Long> ids) {
    }

    public record DiscardRequest(@NotBlank @Size(max = 500) String reason) {
    }

    /** The outcome of one retry of many: the event as it is now, or why it was not sent. */
    public record RetryOutcome(long id, int status, ParkedEvent event, String detail) {
    }

    @GET
    @Path("incidents")
    @Operation(summary = "Parked events, stuck outbox rows and consumer lag of this service (operators)")
    public Incidents incidents(@QueryParam("withDiscarded") @DefaultValue("false") boolean withDiscarded,
            @QueryParam("limit") @DefaultValue("200") @Min(1) @Max(1000) int limit) {
        return new Incidents(service, parked.list(withDiscarded, limit), outbox.stuck(limit), lags.last(),
                lags.lastError());
    }

    @POST
    @Path("parked-events/{id}/retry")
    @Operation(summary = "Send a parked event back to its topic; every inbox applies it at most once (operators)")
    public ParkedEvent retry(@PathParam("id") long id, @Context SecurityContext caller) {
        LOG.infof("Operator %s retries parked event %d", actor(caller), id);
        return parked.retry(id, actor(caller));
    }

    @POST
    @Path("parked-events/retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Retry several parked events; the outcome per event (operators)")
    public List<RetryOutcome> retryAll(@Valid @NotNull RetryRequest request, @Context SecurityContext caller) {
        List<RetryOutcome> outcomes = new ArrayList<>();
        for (Long id : request.ids()) {
            try {
                outcomes.add(new RetryOutcome(id, 200, retry(id, caller), null));
            } catch (ProblemException e) {
                outcomes.add(new RetryOutcome(id, e.problem().status(), null, e.problem().detail()));
            }
        }
        return outcomes;
    }

    @POST
    @Path("parked-events/{id}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give up on a parked event, with a reason (operators)")
    public ParkedEvent discard(@PathParam("id") long id, @Valid @NotNull DiscardRequest request,
            @Context SecurityContext caller) {
        LOG.infof("Operator %s discards parked event %d: %s", actor(caller), id, request.reason());
        return parked.discard(id, actor(caller), request.reason().strip());
    }

    @POST
    @Path("outbox/{id}/release")
    @Operation(summary = "Give an outbox row the relay parked back to the relay (operators)")
    public void release(@PathParam("id") long id, @Context SecurityContext caller) {
        LOG.infof("Operator %s releases outbox event %d", actor(caller), id);
        outbox.release(id);
    }

    private static String actor(SecurityContext caller) {
        return caller.getUserPrincipal() == null ? "unknown" : caller.getUserPrincipal().getName();
    }
}
