package de.fallnetz.notifications.clerks;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import de.fallnetz.notifications.config.NotificationConfig;
import de.fallnetz.platform.rest.ProblemException;
import io.quarkus.security.ForbiddenException;
import io.smallrye.mutiny.Multi;

/**
 * Clerks' in-app notifications per office, for the gateway's UI: a list with read marks, the unread count, marking
 * read, and a server-sent-event stream of new ones. The gateway passes the office and the clerk from its token; the
 * internal token it forwards must name the same office and clerk, so nobody reads another office's notifications by
 * calling past the gateway.
 */
@Path("/api/clerk-notifications")
@RolesAllowed({ "clerk", "team-lead" })
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Clerk notifications")
public class ClerkNotificationResource {

    /** The office's notifications and how many the clerk has not read. */
    public record ClerkNotificationsResponse(long unread, List<ClerkNotification> items) {
    }

    public record MarkedResponse(int marked, long unread) {
    }

    private final ClerkNotifications notifications;
    private final JsonWebToken caller;
    private final NotificationConfig config;

    public ClerkNotificationResource(ClerkNotifications notifications, JsonWebToken caller,
            NotificationConfig config) {
        this.notifications = notifications;
        this.caller = caller;
        this.config = config;
    }

    /** The office and clerk asked for must be the caller's own (a 403 problem otherwise). */
    private void requireOwn(String officeId, String clerk) {
        Object office = caller.getClaim("office_id");
        if (office == null || !officeId.equals(office.toString().replaceAll("^\"|\"$", ""))) {
            throw new ForbiddenException("Notifications of another office");
        }
        if (clerk != null && !clerk.equals(caller.getName()) && !clerk.equals(caller.getSubject())) {
            throw new ForbiddenException("Notifications of another clerk");
        }
    }

    @GET
    @Operation(summary = "Newest first, with the clerk's read marks and unread count")
    public ClerkNotificationsResponse list(@QueryParam("officeId") @NotBlank String officeId,
            @QueryParam("clerk") @NotBlank String clerk, @QueryParam("unread") @DefaultValue("false") boolean unread,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        requireOwn(officeId, clerk);
        return new ClerkNotificationsResponse(notifications.unread(officeId, clerk),
                notifications.list(officeId, clerk, unread, limit));
    }

    @POST
    @Path("/{id}/read")
    @Operation(summary = "Mark one notification read for the clerk")
    public MarkedResponse markRead(@PathParam("id") String id, @QueryParam("officeId") @NotBlank String officeId,
            @QueryParam("clerk") @NotBlank String clerk) {
        requireOwn(officeId, clerk);
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Notification " + id);
        }
        int marked = notifications.markRead(officeId, clerk, uuid);
        return new MarkedResponse(marked, notifications.unread(officeId, clerk));
    }

    @POST
    @Path("/read")
    @Operation(summary = "Mark all of the office's notifications read for the clerk")
    public MarkedResponse markAllRead(@QueryParam("officeId") @NotBlank String officeId,
            @QueryParam("clerk") @NotBlank String clerk) {
        requireOwn(officeId, clerk);
        int marked = notifications.markRead(officeId, clerk, null);
        return new MarkedResponse(marked, notifications.unread(officeId, clerk));
    }

    /**
     * Each new notification of the office as an event {@code notification} (its data the notification as JSON); each
     * change of one of its cases that case-service published as an event {@code case-changed} (data: case ID and
     * event type, sent once this service committed the event, so case-service already shows the change); and an
     * event {@code heartbeat} every {@code fallnetz.notifications.clerk-stream-heartbeat}.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "New notifications of the office as server-sent events, with heartbeats")
    public Multi<OutboundSseEvent> stream(@QueryParam("officeId") @NotBlank String officeId, @Context Sse sse) {
        requireOwn(officeId, null);
        Multi<OutboundSseEvent> news = notifications.stream(officeId)
                .map(n -> sse.newEventBuilder().name("notification").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(ClerkNotification.class, n).build());
        Multi<OutboundSseEvent> changes = notifications.changes(officeId)
                .map(c -> sse.newEventBuilder().name("case-changed").mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(CaseChanged.class, c).build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.clerkStreamHeartbeat())
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().name("heartbeat").data(String.valueOf(tick)).build());
        return Multi.createBy().merging().streams(news, changes, heartbeats);
    }
}
