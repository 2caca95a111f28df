package de.fallnetz.gateway.ui;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.SseEvent;

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
     * The office's live stream as server-sent events: {@code notification} (data: one notification as JSON, read as
     * text), {@code case-changed} (data: case ID and event type) and {@code heartbeat} while the office is quiet.
     * The read timeout above only bounds the wait for the response's head, not the quiet between events.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    Multi<SseEvent<String>> stream(@QueryParam("officeId") String officeId);
}
