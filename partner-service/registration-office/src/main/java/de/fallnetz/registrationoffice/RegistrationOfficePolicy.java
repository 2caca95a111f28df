package de.fallnetz.registrationoffice;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.interactions.domain.NotificationPolicy;

/**
 * Notifications to the registration office (Meldebehörde): register data that are wrong and the grant of a
 * settlement permit or EU long-term residence permit (§90a AufenthG); the registration office's own reports to the
 * office follow §72 AufenthV. Notifications, not consents: the registration office acknowledges, there is no deadline
 * and no silence semantics (domain §1.8, §8 #18, #19).
 */
@ApplicationScoped
public class RegistrationOfficePolicy extends NotificationPolicy {

    public static final String KIND = "REGISTRATION_OFFICE";

    public RegistrationOfficePolicy() {
        super(KIND);
    }
}
