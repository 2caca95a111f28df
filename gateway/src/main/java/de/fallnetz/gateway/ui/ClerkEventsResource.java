package de.fallnetz.gateway.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.client.SseEvent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The live changes of the signed-in clerk's office as server-sent events, for the pages' htmx SSE extension: event
 * {@code notification} for the bell and {@code case-<caseId>} for the case page of that case. They carry only the
 * notification's kind, no personal data; the parts they concern fetch themselves again (and audit that read).
 * <p>
 * The source is notification-service's clerk stream ({@code /api/clerk-notifications/stream}), opened with the
 * clerk's internal token: it already turns partner answers, deemed consents, near deadlines and transfers into
 * per-office notifications, so the gateway needs no Kafka consumer of its own. Its {@code case-changed} signals
 * (case-service published a change, and notification-service has consumed it) become {@code case-<caseId>} only; a
 * partner's answer or a deemed consent is told to the case page again after
 * {@code fallnetz.gateway.ui.events-recheck}, for case-service applies it on its own consumer, often a moment later.
 * Its heartbeats pass on as SSE comments. When it cannot be reached, or nothing comes for
 * {@code fallnetz.gateway.ui.events-silence} (three missed heartbeats), the stream ends with a reconnect delay of
 * {@code fallnetz.gateway.ui.events-retry}; meanwhile the pages poll slowly.
 */
@Path("/ui/events")
@RolesAllowed({ CurrentClerk.CLERK, CurrentClerk.TEAM_LEAD })
public class ClerkEventsResource {

    private static final Logger LOG = Logger.getLogger(ClerkEventsResource.class);
    private static final String HEARTBEAT = "heartbeat";
    private static final String CASE_CHANGED = "case-changed";
    /** Notifications of what a partner did, which case-service applies on its own consumer. */
    private static final Set<String> FROM_PARTNERS = Set.of("PARTNER_ANSWERED", "DEEMED_CONSENT");

    private final UiConfig config;
    private final CurrentClerk clerk;
    private final Instance<ClerkNotificationsClient> notifications;
    private final ObjectMapper json;

    public ClerkEventsResource(UiConfig config, CurrentClerk clerk,
            @RestClient Instance<ClerkNotificationsClient> notifications, ObjectMapper json) {
        this.config = config;
        this.clerk = clerk;
        this.notifications = notifications;
        this.json = json;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> events(@Context Sse sse) {
        if (clerk.officeId().isEmpty()) {
            return Multi.createFrom().item(unavailable(sse));
        }
        String office = clerk.officeId().get();
        // Opened here, on the request, so the internal token is the signed-in clerk's.
        return Multi.createFrom().deferred(() -> notifications.get().stream(office))
                // notification-service sends a heartbeat every 15 s: a stream that stays silent longer is dead
                // (a half-open connection ends no stream by itself).
                .ifNoItem().after(config.eventsSilence()).fail()
                .onItem().transformToMultiAndMerge(e -> passOn(sse, e))
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("clerk events: %s", e.toString());
                    return unavailable(sse);
                });
    }

    private Multi<OutboundSseEvent> passOn(Sse sse, SseEvent<String> e) {
        if (HEARTBEAT.equals(e.name())) {
            // As a comment: it keeps proxies from closing the page's stream as idle and lets the gateway notice a
            // page that has gone.
            return Multi.createFrom().item(sse.newEventBuilder().comment(HEARTBEAT).build());
        }
        JsonNode data = read(e.data());
        String caseId = data.path("caseId").asText("");
        if (CASE_CHANGED.equals(e.name())) {
            return UiSupport.CASE_ID.matcher(caseId).matches()
                    ? Multi.createFrom().item(caseEvent(sse, caseId, CASE_CHANGED))
                    : Multi.createFrom().empty();
        }
        Multi<OutboundSseEvent> now = Multi.createFrom().iterable(events(sse, data));
        if (!UiSupport.CASE_ID.matcher(caseId).matches() || !FROM_PARTNERS.contains(data.path("kind").asText())) {
            return now;
        }
        Multi<OutboundSseEvent> again = Multi.createFrom().item(caseEvent(sse, caseId, data.path("kind").asText()))
                .onItem().call(x -> Uni.createFrom().nullItem().onItem().delayIt().by(config.eventsRecheck()));
        return Multi.createBy().concatenating().streams(now, again);
    }

    private static OutboundSseEvent caseEvent(Sse sse, String caseId, String kind) {
        return sse.newEventBuilder().name("case-" + caseId).data(kind).build();
    }

    private JsonNode read(String notification) {
        try {
            return json.readTree(notification);
        } catch (JsonProcessingException e) {
            LOG.debugf("clerk events: not a notification: %s", e.getOriginalMessage());
            return json.nullNode();
        }
    }

    private static List<OutboundSseEvent> events(Sse sse, JsonNode notification) {
        String kind = notification.path("kind").asText("");
        List<OutboundSseEvent> events = new ArrayList<>(2);
        events.add(sse.newEventBuilder().name("notification").data(kind).build());
        String caseId = notification.path("caseId").asText("");
        if (UiSupport.CASE_ID.matcher(caseId).matches()) {
            events.add(caseEvent(sse, caseId, kind));
        }
        return events;
    }

    private OutboundSseEvent unavailable(Sse sse) {
        return sse.newEventBuilder().name("unavailable").data("").reconnectDelay(config.eventsRetry().toMillis())
                .build();
    }
}
