package de.fallnetz.notifications.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import de.fallnetz.notifications.domain.NotificationService;

@Path("/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final NotificationService notifications;

    public NotificationResource(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GET
    @Operation(summary = "The notifications of a case, oldest first")
    public List<NotificationResponse> ofCase(@QueryParam("caseId") @NotBlank String caseId) {
        return notifications.ofCase(caseId).stream()
                .map(n -> new NotificationResponse(n.id.toString(), n.caseId, n.recipientRole, n.template,
                        n.requestedLanguage, n.language, n.subject, n.body, n.status, n.recordedAt))
                .toList();
    }
}
