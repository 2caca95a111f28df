package de.fallnetz.gateway.ops;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.gateway.audit.AuditService;
import de.fallnetz.gateway.identity.Caller;

/**
 * The operators' incident view across all services, and the actions on it. Every action is written to the audit
 * log (append-only) before it is sent, so that none escapes the trail: who, from where, which service and event,
 * and the reason given.
 */
@ApplicationScoped
public class IncidentService {

    static final String RETRY = "ops.retry";
    static final String DISCARD = "ops.discard";
    static final String RELEASE = "ops.release";

    private final IncidentsClient services;
    private final AuditService audit;

    public IncidentService(IncidentsClient services, AuditService audit) {
        this.services = services;
        this.audit = audit;
    }

    /** All services' incidents, with the totals the page shows on top. */
    public record IncidentView(List<ServiceIncidents> services, int parkedEvents, int stuckOutboxEvents,
            int unreachableServices) {
    }

    public record RetryRequest(List<Long> ids) {
    }

    public record DiscardRequest(String reason) {
    }

    public IncidentView view(Caller caller, boolean withDiscarded) {
        List<ServiceIncidents> all = services.all(caller, withDiscarded);
        int parked = all.stream().mapToInt(s -> (int) s.parkedEvents().stream()
                .filter(e -> "parked".equals(e.status())).count()).sum();
        int stuck = all.stream().mapToInt(s -> s.stuckOutbox().size()).sum();
        int unreachable = (int) all.stream().filter(s -> s.error() != null).count();
        return new IncidentView(all, parked, stuck, unreachable);
    }

    /** Answers with the event as it is now. */
    public HttpResponse<String> retry(Caller caller, String client, String service, long id) {
        audit.record(caller, client, new AuditService.Read(RETRY, fields(service, "parked-event", List.of(id)),
                "operator: send back to the topic"), null);
        return services.post(caller, service, "parked-events/" + id + "/retry", null);
    }

    /** Answers with the outcome per event. */
    public HttpResponse<String> retryMany(Caller caller, String client, String service, List<Long> ids) {
        audit.record(caller, client, new AuditService.Read(RETRY, fields(service, "parked-event", ids),
                "operator: send back to the topic"), null);
        return services.post(caller, service, "parked-events/retry", new RetryRequest(ids));
    }

    public HttpResponse<String> discard(Caller caller, String client, String service, long id, String reason) {
        audit.record(caller, client, new AuditService.Read(DISCARD, fields(service, "parked-event", List.of(id)),
                "operator: " + reason), null);
        return services.post(caller, service, "parked-events/" + id + "/discard", new DiscardRequest(reason));
    }

    public HttpResponse<String> release(Caller caller, String client, String service, long id) {
        audit.record(caller, client, new AuditService.Read(RELEASE, fields(service, "outbox-event", List.of(id)),
                "operator: give back to the relay"), null);
        return services.post(caller, service, "outbox/" + id + "/release", null);
    }

    private static String fields(String service, String what, List<Long> ids) {
        return service + " " + what + " " + ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
