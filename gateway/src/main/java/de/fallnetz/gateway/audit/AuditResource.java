package de.fallnetz.gateway.audit;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The audit log for the data-protection officer: search only. There is deliberately no method to change or delete
 * an entry.
 */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("dpo")
public class AuditResource {

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    public record AuditPage(List<AuditService.Entry> items, Long next) {
    }

    @GET
    @Operation(summary = "Search the audit log of personal-data reads, newest first (data-protection officer only)")
    public AuditPage search(@QueryParam("actor") @Size(max = 100) String actor,
            @QueryParam("caseId") @Size(max = 100) String caseId,
            @QueryParam("action") @Pattern(regexp = "[a-z.-]{1,40}", message = "must be an action") String action,
            @QueryParam("from") Instant from, @QueryParam("to") Instant to, @QueryParam("before") Long before,
            @QueryParam("limit") @Min(1) @Max(500) Integer limit) {
        int size = limit != null ? limit : 100;
        List<AuditService.Entry> items = audit.search(actor, caseId, action, from, to, before, size);
        Long next = items.size() == size ? items.get(items.size() - 1).id() : null;
        return new AuditPage(items, next);
    }
}
