package de.fallnetz.gateway.ops;

import java.net.http.HttpResponse;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import de.fallnetz.gateway.identity.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * The operators' incident view as an API (role {@code operator}): what every service could not apply, its stuck
 * outbox rows and consumer lag; retry, discard with a reason, release. A service's answer to an action is passed on
 * as it came.
 */
@Path("/api/ops")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("operator")
public class IncidentsResource {

    private final IncidentService incidents;
    private final SecurityIdentity identity;
    private final HttpServerRequest http;

    public IncidentsResource(IncidentService incidents, SecurityIdentity identity, HttpServerRequest http) {
        this.incidents = incidents;
        this.identity = identity;
        this.http = http;
    }

    public record RetryManyRequest(@NotEmpty @Size(max = 100) List<@NotNull Long> ids) {
    }

    public record DiscardRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @GET
    @Path("incidents")
    @Operation(summary = "Parked events, stuck outbox rows and consumer lag of every service (operators)")
    public IncidentService.IncidentView view(@QueryParam("withDiscarded") @DefaultValue("false") boolean all) {
        return incidents.view(Caller.of(identity), all);
    }

    @POST
    @Path("{service}/parked-events/{id}/retry")
    @Operation(summary = "Send a parked event back to its topic; applied at most once (operators, audited)")
    public Response retry(@PathParam("service") @Pattern(regexp = "[a-z0-9-]{1,60}") String service,
            @PathParam("id") long id) {
        return passOn(incidents.retry(Caller.of(identity), client(), service, id));
    }

    @POST
    @Path("{service}/parked-events/retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Retry several parked events of one service (operators, audited)")
    public Response retryMany(@PathParam("service") @Pattern(regexp = "[a-z0-9-]{1,60}") String service,
            @Valid @NotNull RetryManyRequest request) {
        return passOn(incidents.retryMany(Caller.of(identity), client(), service, List.copyOf(request.ids())));
    }

    @POST
    @Path("{service}/parked-events/{id}/discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give up on a parked event, with a reason (operators, audited)")
    public Response discard(@PathParam("service") @Pattern(regexp = "[a-z0-9-]{1,60}") String service,
            @PathParam("id") long id, @Valid @NotNull DiscardRequest request) {
        return passOn(incidents.discard(Caller.of(identity), client(), service, id, request.reason().strip()));
    }

    @POST
    @Path("{service}/outbox/{id}/release")
    @Operation(summary = "Give an outbox row the relay parked back to the relay (operators, audited)")
    public Response release(@PathParam("service") @Pattern(regexp = "[a-z0-9-]{1,60}") String service,
            @PathParam("id") long id) {
        return passOn(incidents.release(Caller.of(identity), client(), service, id));
    }

    private String client() {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }

    static Response passOn(HttpResponse<String> answer) {
        Response.ResponseBuilder response = Response.status(answer.statusCode());
        if (answer.body() != null && !answer.body().isEmpty()) {
            response.entity(answer.body())
                    .type(answer.headers().firstValue("Content-Type").orElse(MediaType.APPLICATION_JSON));
        }
        return response.build();
    }
}
