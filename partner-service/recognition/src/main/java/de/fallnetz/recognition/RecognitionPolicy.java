package de.fallnetz.recognition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.interactions.deadline.DeadlineCalculator;
import de.fallnetz.interactions.deadline.DeadlineEntity;
import de.fallnetz.interactions.domain.Answer;
import de.fallnetz.interactions.domain.DeadlineRule;
import de.fallnetz.interactions.domain.InteractionPolicy;
import de.fallnetz.interactions.domain.InteractionRequestEntity;
import de.fallnetz.interactions.domain.InteractionState;

/**
 * Recognition of a foreign qualification (§6 BQFG, §14a BQFG in the accelerated procedure; ZAB for degrees): 3 months,
 * 2 in the accelerated procedure, where receipt is also to be confirmed within 2 weeks. There is no fiction: a missed
 * deadline escalates to the office, whatever the request's rule says about silence.
 */
@ApplicationScoped
public class RecognitionPolicy implements InteractionPolicy {

    public static final String KIND = "RECOGNITION";
    private static final DeadlineRule RECEIPT = new DeadlineRule(2, "WEEKS", "ESCALATE", "§14a Abs. 2 BQFG");

    private final DeadlineCalculator calculator;

    public RecognitionPolicy(DeadlineCalculator calculator) {
        this.calculator = calculator;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(KIND);
    }

    /**
     * The office sees the decision's reference and equivalence, and each compensation measure of a partial
     * recognition, as conditions of the answered event.
     */
    @Override
    @SuppressWarnings("unchecked")
    public Answer answer(InteractionRequestEntity request, Answer sent, Map<String, Object> details) {
        List<String> conditions = new ArrayList<>(sent.conditions());
        conditions.add("reference: " + details.get("reference"));
        conditions.add("equivalence: " + details.get("equivalence"));
        Object measures = details.get("compensationMeasures");
        if (measures instanceof List<?> list) {
            for (Object m : list) {
                Map<String, Object> measure = (Map<String, Object>) m;
                conditions.add("compensationMeasure: " + measure.get("type")
                        + (measure.get("description") == null ? "" : " (" + measure.get("description") + ")")
                        + (measure.get("durationMonths") == null ? "" : ", " + measure.get("durationMonths")
                                + " months"));
            }
        }
        return new Answer(sent.outcome(), sent.binding(), sent.reasons(), conditions);
    }

    /** The catalogue's rule; without one the statutory months. Silence never grants. */
    @Override
    public DeadlineRule deadline(InteractionRequestEntity request, DeadlineRule fromEvent) {
        DeadlineRule rule = fromEvent.hasDeadline() ? fromEvent
                : new DeadlineRule(request.accelerated ? 2 : 3, "MONTHS", "ESCALATE",
                        request.accelerated ? "§14a Abs. 3 BQFG" : "§6 BQFG");
        return rule.withSilence("ESCALATE");
    }

    /** In the accelerated procedure, a reminder when receipt is not confirmed (claimed) within 2 weeks. */
    @Override
    public void onDelivered(InteractionRequestEntity request, Instant now) {
        if (request.accelerated) {
            DeadlineEntity.schedule(request.id, DeadlineEntity.Timer.REMINDER,
                    calculator.dueAt(RECEIPT, now, request.officeLand));
        }
    }

    @Override
    public Optional<String> reminder(InteractionRequestEntity request) {
        return request.state == InteractionState.DELIVERED
                ? Optional.of("Eingang nicht binnen 2 Wochen bestätigt (§14a Abs. 2 BQFG)")
                : Optional.empty();
    }

    @Override
    public String silence(InteractionRequestEntity request) {
        return "ESCALATE";
    }
}
