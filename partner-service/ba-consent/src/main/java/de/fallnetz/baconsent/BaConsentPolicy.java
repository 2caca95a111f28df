package de.fallnetz.baconsent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.interactions.domain.Answer;
import de.fallnetz.interactions.domain.DeadlineRule;
import de.fallnetz.interactions.domain.InteractionPolicy;
import de.fallnetz.interactions.domain.InteractionRequestEntity;

/**
 * BA consent (§39 AufenthG, §36 BeschV): silence for 2 weeks, 1 week in the accelerated procedure (§36 Abs. 2
 * sentence 2 BeschV), is deemed consent; a refusal binds the office. Consents of the Western Balkans rule take a place
 * of the contingent first and are refused at once when none is left, so they are never deemed granted.
 */
@ApplicationScoped
public class BaConsentPolicy implements InteractionPolicy {

    public static final String KIND = "BA_CONSENT";
    static final String CONTINGENT_EXHAUSTED = "Kontingent erschöpft (§26 Abs. 2 BeschV)";
    private static final String LEGAL_BASIS = "§39 AufenthG, §36 Abs. 2 BeschV";

    private final ContingentService contingent;
    private final ContingentConfig config;

    public BaConsentPolicy(ContingentService contingent, ContingentConfig config) {
        this.contingent = contingent;
        this.config = config;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(KIND);
    }

    /** The restrictions of a consent with conditions go to the office as conditions of the answered event. */
    @Override
    public Answer answer(InteractionRequestEntity request, Answer sent, Map<String, Object> details) {
        return restricted(sent, details);
    }

    /** The answer with one condition per restriction (e.g. "employer: Beispiel GmbH") after the free-text ones. */
    @SuppressWarnings("unchecked")
    static Answer restricted(Answer sent, Map<String, Object> details) {
        Object restrictions = details.get("restrictions");
        if (!(restrictions instanceof Map<?, ?> map) || map.isEmpty()) {
            return sent;
        }
        List<String> conditions = new ArrayList<>(sent.conditions());
        ((Map<String, Object>) map).forEach((name, value) -> conditions.add(name + ": " + value));
        return new Answer(sent.outcome(), sent.binding(), sent.reasons(), conditions);
    }

    @Override
    public boolean binding(InteractionRequestEntity request, String outcome) {
        return bindingRefusal(outcome);
    }

    /** The office is bound by the BA's refusal (§39 AufenthG); a consent leaves the decision to it. */
    static boolean bindingRefusal(String outcome) {
        return "REFUSED".equals(outcome);
    }

    /** The catalogue's rule; when the request carries none, the statutory one (2 weeks, 1 week accelerated). */
    @Override
    public DeadlineRule deadline(InteractionRequestEntity request, DeadlineRule fromEvent) {
        if (fromEvent.hasDeadline()) {
            return fromEvent;
        }
        return new DeadlineRule(request.accelerated ? 1 : 2, "WEEKS", "DEEMED_GRANTED", LEGAL_BASIS);
    }

    @Override
    public Optional<Answer> onRequested(InteractionRequestEntity request, Instant now) {
        return contingentAnswer(request, now, contingent, config);
    }

    /**
     * A request of the Western Balkans rule takes a place of the contingent, or is refused at once and for good
     * when none is left (or the nationality is not one of the rule's): the same for the consent and for the employer's
     * pre-approval, which since June 2024 is how the rule is used (domain §2.4).
     */
    static Optional<Answer> contingentAnswer(InteractionRequestEntity request, Instant now, ContingentService contingent,
            ContingentConfig config) {
        if (!config.caseType().equals(request.caseType)) {
            return Optional.empty();
        }
        Object nationality = request.data.get("nationality");
        String country = nationality == null ? null : nationality.toString();
        if (contingent.covers(country) && contingent.reserve(country, now)) {
            return Optional.empty();
        }
        String reason = contingent.covers(country) ? CONTINGENT_EXHAUSTED
                : "Staatsangehörigkeit " + country + " fällt nicht unter §26 Abs. 2 BeschV";
        return Optional.of(new Answer("REFUSED", true, reason, List.of()));
    }
}
