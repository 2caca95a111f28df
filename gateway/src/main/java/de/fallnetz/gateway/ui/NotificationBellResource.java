package de.fallnetz.gateway.ui;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * PLACEHOLDER until notification-service serves the clerks' notifications: the bell's fragment. It asks the address
 * configured as {@code fallnetz.gateway.ui.notifications-url} and shows "no notifications" whenever that is unset,
 * slow or failing, so the pages never wait for it or break because of it.
 */
@Path("/ui/notifications")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ CurrentClerk.CLERK, CurrentClerk.TEAM_LEAD })
public class NotificationBellResource {

    private static final Logger LOG = Logger.getLogger(NotificationBellResource.class);

    @CheckedTemplate(basePath = "ui")
    static class Templates {
        static native TemplateInstance bell(UiViews.Bell bell);
    }

    private final UiConfig config;
    private final CurrentClerk clerk;
    private final UiSupport ui;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(1)).build();

    public NotificationBellResource(UiConfig config, CurrentClerk clerk, UiSupport ui, ObjectMapper json) {
        this.config = config;
        this.clerk = clerk;
        this.ui = ui;
        this.json = json;
    }

    @GET
    public TemplateInstance bell() {
        return ui.localized(Templates.bell(new UiViews.Bell(fetch())));
    }

    private List<String> fetch() {
        if (config.notificationsUrl().isEmpty() || clerk.officeId().isEmpty()) {
            return List.of();
        }
        URI uri = URI.create(config.notificationsUrl().get() + "?officeId="
                + URLEncoder.encode(clerk.officeId().get(), StandardCharsets.UTF_8) + "&clerk="
                + URLEncoder.encode(clerk.userId(), StandardCharsets.UTF_8));
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(config.notificationsTimeout())
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return List.of();
            }
            List<String> subjects = new ArrayList<>();
            for (JsonNode item : json.readTree(answer.body())) {
                subjects.add(item.path("subject").asText());
                if (subjects.size() == 10) {
                    break;
                }
            }
            return subjects;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception e) {
            LOG.debugf("notification bell: %s", e.toString());
            return List.of();
        }
    }
}
