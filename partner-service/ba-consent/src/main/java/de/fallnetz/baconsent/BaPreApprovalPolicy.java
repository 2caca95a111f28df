package de.fallnetz.baconsent;

import java.time.Instant;
import java.time.Period;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import de.fallnetz.interactions.deadline.DeadlineEntity;
import de.fallnetz.interactions.domain.Answer;
import de.fallnetz.interactions.domain.DeadlineRule;
import de.fallnetz.interactions.domain.InteractionPolicy;
import de.fallnetz.interactions.domain.InteractionRequestEntity;

/**
 * The BA's pre-approval the employer asks for (Vorabzustimmung, §36 Abs. 3 BeschV): no processing deadline and no
 * fiction; a grant is valid for 6 months (BA practice, {@code fallnetz.ba.pre-approval.validity}), then it expires.
 */
@ApplicationScoped
public class BaPreApprovalPolicy implements InteractionPolicy {

    public static final String KIND = "BA_PRE_APPROVAL";

    private final Period validity;
    private final ContingentService contingent;
    private final ContingentConfig config;

    public BaPreApprovalPolicy(@ConfigProperty(name = "fallnetz.ba.pre-approval.validity", defaultValue = "P6M")
    Period validity, ContingentService contingent, ContingentConfig config) {
        this.validity = validity;
        this.contingent = contingent;
        this.config = config;
    }

    /** A pre-approval under the Western Balkans rule needs a place of the contingent, as a consent does. */
    @Override
    public Optional<Answer> onRequested(InteractionRequestEntity request, Instant now) {
        return BaConsentPolicy.contingentAnswer(request, now, contingent, config);
    }

    @Override
    public Set<String> kinds() {
        return Set.of(KIND);
    }

    /** The BA's refusal binds, as with its consent. */
    @Override
    public Answer answer(InteractionRequestEntity request, Answer sent, Map<String, Object> details) {
        return BaConsentPolicy.restricted(sent, details);
    }

    @Override
    public boolean binding(InteractionRequestEntity request, String outcome) {
        return BaConsentPolicy.bindingRefusal(outcome);
    }

    /** Whatever the request says: no deadline, and silence means nothing. */
    @Override
    public DeadlineRule deadline(InteractionRequestEntity request, DeadlineRule fromEvent) {
        return DeadlineRule.NONE;
    }

    /** A grant starts its validity: it expires at 24:00 of the day 6 months on. */
    @Override
    public void onAnswered(InteractionRequestEntity request, Instant now) {
        if (request.outcome.startsWith("GRANTED")) {
            DeadlineEntity.scheduleExpiry(request.id, now, validity);
        }
    }

    @Override
    public String expiryReason(InteractionRequestEntity request) {
        return "Vorabzustimmung nach " + validity.toTotalMonths() + " Monaten abgelaufen (§36 Abs. 3 BeschV)";
    }
}
