package de.fallnetz.gateway.ui;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/**
 * The bell's fragment: the signed-in clerk's unread notifications of her office, from notification-service
 * ({@code /api/clerk-notifications}, office and clerk from the identity, never from the request). Shows "no
 * notifications" whenever notification-service is slow ({@code fallnetz.gateway.ui.notifications-timeout}) or
 * failing, so the pages never wait for it or break because of it.
 */
@Path("/ui/notifications")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ CurrentClerk.CLERK, CurrentClerk.TEAM_LEAD })
public class NotificationBellResource {

    private static final Logger LOG = Logger.getLogger(NotificationBellResource.class);
    private static final int SHOWN = 10;

    @CheckedTemplate(basePath = "ui")
    static class Templates {
        static native TemplateInstance bell(UiViews.Bell bell);
    }

    private final UiConfig config;
    private final CurrentClerk clerk;
    private final UiSupport ui;
    private final Instance<ClerkNotificationsClient> notifications;

    public NotificationBellResource(UiConfig config, CurrentClerk clerk, UiSupport ui,
            @RestClient Instance<ClerkNotificationsClient> notifications) {
        this.config = config;
        this.clerk = clerk;
        this.ui = ui;
        this.notifications = notifications;
    }

    /** @param announce whether screen readers are told of the newest (asked for when a live event said it came) */
    @GET
    public Uni<TemplateInstance> bell(@QueryParam("announce") boolean announce) {
        if (clerk.officeId().isEmpty()) {
            return Uni.createFrom().item(render(List.of(), false));
        }
        String office = clerk.officeId().get();
        String clerkId = clerk.userId();
        // Made on use: a client without an address (notification-service not configured) fails here, not the page.
        return Uni.createFrom().deferred(() -> notifications.get().list(office, clerkId, true, SHOWN))
                .ifNoItem().after(config.notificationsTimeout()).fail()
                .map(NotificationBellResource::texts)
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("notification bell: %s", e.toString());
                    return List.of();
                })
                .map(items -> render(items, announce));
    }

    private TemplateInstance render(List<String> items, boolean announce) {
        return ui.localized(Templates.bell(new UiViews.Bell(items, announce)));
    }

    private static List<String> texts(JsonNode answer) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : answer.path("items")) {
            texts.add(item.path("text").asText());
        }
        return texts;
    }
}
