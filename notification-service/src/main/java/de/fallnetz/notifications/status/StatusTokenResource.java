package de.fallnetz.notifications.status;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import de.fallnetz.notifications.access.CaseAccess;

/** Ends the status links of a case (a link was forwarded to the wrong person, say); the next mail brings a new one. */
@Path("/status-tokens/{caseId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Status page")
public class StatusTokenResource {

    /** How many links were ended. */
    public record RevokedResponse(int revoked) {
    }

    private final StatusTokens tokens;
    private final CaseAccess access;

    public StatusTokenResource(StatusTokens tokens, CaseAccess access) {
        this.tokens = tokens;
        this.access = access;
    }

    @DELETE
    @RolesAllowed({ "clerk", "team-lead" })
    @Operation(summary = "Revoke every status link of the case; 404 for a case of another office")
    public RevokedResponse revoke(@PathParam("caseId") String caseId) {
        access.requireCase(caseId);
        return new RevokedResponse(tokens.revokeAll(caseId, Instant.now()));
    }
}
