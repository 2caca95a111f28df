package de.fallnetz.welcomecenter;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.interactions.domain.NotificationPolicy;

/**
 * Information exchange with a welcome centre or business immigration service (e.g. Berlin's BIS; domain §5): the
 * office tells the centre that it supports the applicant, the centre acknowledges. No statutory deadline, no silence
 * semantics.
 */
@ApplicationScoped
public class WelcomeCenterPolicy extends NotificationPolicy {

    public static final String KIND = "WELCOME_CENTER";

    public WelcomeCenterPolicy() {
        super(KIND);
    }
}
