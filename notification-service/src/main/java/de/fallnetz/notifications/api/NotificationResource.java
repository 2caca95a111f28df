package de.fallnetz.notifications.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import de.fallnetz.notifications.access.CaseAccess;
import de.fallnetz.notifications.domain.NotificationService;

/** The notifications of a case (they hold the applicant's texts): for the clerks of the case's office only. */
@Path("/notifications")
@RolesAllowed({ "clerk", "team-lead" })
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private final NotificationService notifications;
    private final CaseAccess access;

    public NotificationResource(NotificationService notifications, CaseAccess access) {
        this.notifications = notifications;
        this.access = access;
    }

    @GET
    @Operation(summary = "The notifications of a case, oldest first; 404 for a case of another office")
    public List<NotificationResponse> ofCase(@QueryParam("caseId") @NotBlank String caseId) {
        access.requireCase(caseId);
        return notifications.ofCase(caseId).stream()
                .map(n -> new NotificationResponse(n.id.toString(), n.caseId, n.recipientRole, n.template,
                        n.requestedLanguage, n.language, n.subject, n.body, n.status, n.recordedAt))
                .toList();
    }
}
