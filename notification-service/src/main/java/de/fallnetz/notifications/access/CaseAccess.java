package de.fallnetz.notifications.access;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import de.fallnetz.notifications.domain.NotificationService;
import de.fallnetz.platform.rest.ProblemException;

/**
 * Need-to-know for what this service keeps of a case, from the gateway's internal token: a clerk or team lead reaches
 * the cases of their own office ({@code office_id}), as the case events consumed here last placed them (opened, then
 * transferred). Any other case answers 404, like one this service never heard of, so case IDs cannot be probed.
 */
@RequestScoped
public class CaseAccess {

    private final JsonWebToken token;
    private final NotificationService notifications;

    public CaseAccess(JsonWebToken token, NotificationService notifications) {
        this.token = token;
        this.notifications = notifications;
    }

    /** The caller's office; a token without one reaches no case. */
    public String officeId() {
        Object office = token.getClaim("office_id");
        return office == null ? null : office.toString().replaceAll("^\"|\"$", "");
    }

    /** 404 unless the case is known here and lies with the caller's office. */
    public void requireCase(String caseId) {
        String own = officeId();
        boolean visible = own != null && notifications.contact(caseId)
                .map(c -> own.equals(c.officeId())).orElse(false);
        if (!visible) {
            throw ProblemException.notFound("Case " + caseId);
        }
    }
}
