package de.fallnetz.socialbenefits;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.interactions.domain.NotificationPolicy;

/**
 * Information exchange with the social benefit agencies (Jobcenter, Sozialamt): social data on request (§71 Abs. 2
 * SGB X) within the limits of §88 AufenthG, e.g. whether a sponsor draws benefits. No deadline and no silence
 * semantics (domain §1.9, §8 #22); the acknowledgement carries the information in its reasons, so it needs them.
 */
@ApplicationScoped
public class SocialBenefitsPolicy extends NotificationPolicy {

    public static final String KIND = "SOCIAL_BENEFITS";

    public SocialBenefitsPolicy() {
        super(KIND);
    }

    @Override
    public Set<String> outcomesNeedingReasons() {
        return Set.of(ACKNOWLEDGED);
    }
}
