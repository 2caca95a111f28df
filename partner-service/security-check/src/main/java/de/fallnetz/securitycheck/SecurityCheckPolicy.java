package de.fallnetz.securitycheck;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.interactions.deadline.DeadlineCalculator;
import de.fallnetz.interactions.deadline.DeadlineEntity;
import de.fallnetz.interactions.domain.Answer;
import de.fallnetz.interactions.domain.DeadlineRule;
import de.fallnetz.interactions.domain.InteractionPolicy;
import de.fallnetz.interactions.domain.InteractionRequestEntity;

/**
 * The security consultation, §73 AufenthG, through the BVA: no statutory deadline, so a reminder and an escalation
 * after configurable working days; concerns never turn into a grant. The Schengen prior consultation (Art. 22 Visa
 * Code, kind {@code SCHENGEN_CONSULTATION}, or a request whose rule says {@code NO_OBJECTION}) counts silence for 7
 * calendar days as no objection.
 */
@ApplicationScoped
public class SecurityCheckPolicy implements InteractionPolicy {

    public static final String KIND = "SECURITY_CHECK";
    public static final String SCHENGEN = "SCHENGEN_CONSULTATION";
    private static final DeadlineRule ART_22 = new DeadlineRule(7, "CALENDAR_DAYS", "NO_OBJECTION",
            "Art. 22 Visakodex (VO (EG) Nr. 810/2009)");

    private final SecurityCheckConfig config;
    private final DeadlineCalculator calculator;

    public SecurityCheckPolicy(SecurityCheckConfig config, DeadlineCalculator calculator) {
        this.config = config;
        this.calculator = calculator;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(KIND, SCHENGEN);
    }

    @Override
    public Set<String> outcomes(String kind) {
        return Set.of("NO_OBJECTION", "CONCERNS");
    }

    /** Concerns bind the office: it may not issue the title over them. */
    /** Concerns reach the office with their reason code ahead of the reasons ("VIOLENT_EXTREMISM: ..."). */
    @Override
    public Answer answer(InteractionRequestEntity request, Answer sent, Map<String, Object> details) {
        Object code = details.get("reasonCode");
        return code == null ? sent
                : new Answer(sent.outcome(), sent.binding(), code + ": " + sent.reasons(), sent.conditions());
    }

    @Override
    public boolean binding(InteractionRequestEntity request, String outcome) {
        return "CONCERNS".equals(outcome);
    }

    @Override
    public DeadlineRule deadline(InteractionRequestEntity request, DeadlineRule fromEvent) {
        if (SCHENGEN.equals(request.kind)) {
            return fromEvent.hasDeadline() ? fromEvent.withSilence("NO_OBJECTION") : ART_22;
        }
        DeadlineRule rule = fromEvent.hasDeadline() ? fromEvent
                : new DeadlineRule(config.escalationWorkingDays(), "WORKING_DAYS", "ESCALATE",
                        "§73 AufenthG (unverzüglich, keine feste Frist)");
        // Only the Schengen consultation knows silence as no objection; a national query never grants by silence.
        return "NO_OBJECTION".equals(rule.silence()) ? rule : rule.withSilence("ESCALATE");
    }

    @Override
    public void onDelivered(InteractionRequestEntity request, Instant now) {
        if (config.reminderWorkingDays() > 0 && "ESCALATE".equals(request.deadlineSilence)) {
            DeadlineEntity.schedule(request.id, DeadlineEntity.Timer.REMINDER, calculator.dueAt(
                    new DeadlineRule(config.reminderWorkingDays(), "WORKING_DAYS", "NONE", null), now,
                    request.officeLand));
        }
    }
}
