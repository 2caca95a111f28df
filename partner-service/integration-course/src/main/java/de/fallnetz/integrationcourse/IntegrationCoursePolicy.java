package de.fallnetz.integrationcourse;

import java.time.Instant;
import java.time.Period;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import de.fallnetz.interactions.deadline.DeadlineEntity;
import de.fallnetz.interactions.domain.DeadlineRule;
import de.fallnetz.interactions.domain.InteractionPolicy;
import de.fallnetz.interactions.domain.InteractionRequestEntity;
import de.fallnetz.interactions.domain.NotificationPolicy;

/**
 * The entitlement (§44 AufenthG) or obligation (§44a AufenthG) to attend an integration course, which the office
 * reports to the BAMF (InGe-Online-ABH through XAusländer). The BAMF acknowledges it or grants admission; there is no
 * statutory deadline and no fiction. The entitlement lapses 1 year after the title is issued (§44 Abs. 2 AufenthG,
 * {@code fallnetz.integration-course.entitlement-validity}): an acknowledged report then expires.
 */
@ApplicationScoped
public class IntegrationCoursePolicy implements InteractionPolicy {

    public static final String KIND = "INTEGRATION_COURSE";

    private final Period validity;

    public IntegrationCoursePolicy(@ConfigProperty(name = "fallnetz.integration-course.entitlement-validity",
            defaultValue = "P1Y") Period validity) {
        this.validity = validity;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(KIND);
    }

    @Override
    public Set<String> outcomes(String kind) {
        return Set.of(NotificationPolicy.ACKNOWLEDGED, "GRANTED");
    }

    /** The catalogue's rule if it has one (there is no statutory one), or none; silence never grants. */
    @Override
    public DeadlineRule deadline(InteractionRequestEntity request, DeadlineRule fromEvent) {
        return fromEvent.hasDeadline() ? fromEvent.withSilence("ESCALATE") : DeadlineRule.NONE;
    }

    /** An acknowledged entitlement lapses a year on (§44 Abs. 2 AufenthG). */
    @Override
    public void onAnswered(InteractionRequestEntity request, Instant now) {
        DeadlineEntity.scheduleExpiry(request.id, now, validity);
    }

    @Override
    public String expiryReason(InteractionRequestEntity request) {
        return "Teilnahmeberechtigung am Integrationskurs nach " + validity.toTotalMonths()
                + " Monaten erloschen (§44 Abs. 2 AufenthG)";
    }
}
