package de.fallnetz.gateway.ops;

import java.net.http.HttpResponse;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.gateway.audit.AuditService;
import de.fallnetz.gateway.identity.Caller;
import de.fallnetz.platform.rest.ProblemException;

/**
 * Operators allow a partner's webhook subscription to call a private-network address, or withdraw that permission
 * (notification-service refuses such targets otherwise, see its SSRF protection). Audited before it is sent, like
 * the other operator actions.
 */
@ApplicationScoped
public class WebhookApprovalService {

    static final String ALLOW = "ops.webhook-private-network.allow";
    static final String WITHDRAW = "ops.webhook-private-network.withdraw";

    private final WebhookApprovalClient notifications;
    private final AuditService audit;

    public WebhookApprovalService(WebhookApprovalClient notifications, AuditService audit) {
        this.notifications = notifications;
        this.audit = audit;
    }

    /** Answers with notification-service's answer as it came: the subscription as it is now, or its problem. */
    public HttpResponse<String> privateNetwork(Caller caller, String client, String subscriptionId,
            boolean allowed) {
        UUID id = subscription(subscriptionId);
        audit.record(caller, client, new AuditService.Read(allowed ? ALLOW : WITHDRAW,
                "notification-service webhook-subscription " + id,
                allowed ? "operator: allow a private-network target" : "operator: withdraw the private-network permission"),
                null);
        return notifications.privateNetwork(caller, id, allowed);
    }

    /** Only a UUID goes into the path sent on; notification-service knows no other id either. */
    private static UUID subscription(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Subscription " + id);
        }
    }
}
