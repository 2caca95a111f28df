package de.fallnetz.gateway.ui;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;

import de.fallnetz.gateway.identity.InternalTokenHeaders;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** notification-service's clerks' notifications of one office, as the signed-in clerk (internal token). */
@RegisterRestClient(configKey = "notification-service")
@RegisterClientHeaders(InternalTokenHeaders.class)
@Path("/api/clerk-notifications")
public interface ClerkNotificationsClient {

    /** {@code {"unread": n, "items": [{"text": …, "caseId": …, …}]}}, newest first. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<JsonNode> list(@QueryParam("officeId") String officeId, @QueryParam("clerk") String clerk,
            @QueryParam("unread") boolean unread, @QueryParam("limit") int limit);

    /**
     * New notifications of the office as they are stored, as server-sent events: each event's data is one
     * notification as JSON (read as text: the events carry no media type of their own).
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    Multi<String> stream(@QueryParam("officeId") String officeId);
}
