package de.fallnetz.interactions.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import de.fallnetz.contracts.events.FallnetzEvent;
import de.fallnetz.contracts.events.InteractionRequested;

/**
 * What is special about one partner's interaction kinds: a member service provides one bean per set of kinds, and the
 * core asks it at each step. Every method has the common behaviour as its default, so a policy states only where its
 * partner differs.
 */
public interface InteractionPolicy {

    /** The interaction kinds this policy is for, e.g. {@code BA_CONSENT}; the service takes only requests of these. */
    Set<String> kinds();

    /** The outcomes of a partner that consents or refuses, the most common kind of answer. */
    Set<String> CONSENT_OUTCOMES = Set.of("GRANTED", "GRANTED_WITH_CONDITIONS", "REFUSED");

    /** The outcomes a partner may answer a request of {@code kind} with; by default {@link #CONSENT_OUTCOMES}. */
    default Set<String> outcomes(String kind) {
        return CONSENT_OUTCOMES;
    }

    /** The outcomes that need reasons. */
    default Set<String> outcomesNeedingReasons() {
        return Set.of("REFUSED", "CONCERNS");
    }

    /**
     * The answer as the events carry it, from what the partner sent: {@code details} are the kind-specific fields its
     * answer schema allows (e.g. the restrictions of a BA consent). By default the answer as sent; a policy adds
     * what the office must see in the answered event (conditions, a reason code).
     */
    default Answer answer(InteractionRequestEntity request, Answer sent, java.util.Map<String, Object> details) {
        return sent;
    }

    /** Whether an answer with {@code outcome} binds the office. */
    default boolean binding(InteractionRequestEntity request, String outcome) {
        return false;
    }

    /** The deadline rule to run: by default the catalogue's, as the request event carries it. */
    default DeadlineRule deadline(InteractionRequestEntity request, DeadlineRule fromEvent) {
        return fromEvent;
    }

    /**
     * Runs when a request arrives, before it is delivered, in its transaction. An answer here ends the request at once
     * (a contingent that is exhausted refuses); empty delivers it to the partner.
     */
    default Optional<Answer> onRequested(InteractionRequestEntity request, Instant now) {
        return Optional.empty();
    }

    /** Runs when the request is delivered: e.g. schedule reminders ({@code DeadlineEntity.schedule}). */
    default void onDelivered(InteractionRequestEntity request, Instant now) {
    }

    /**
     * What a {@code REMINDER} timer tells the office (as an escalation without a due date), or empty when there is
     * nothing to remind of any more. By default: while the partner still has to act.
     */
    default Optional<String> reminder(InteractionRequestEntity request) {
        return request.state.open() ? Optional.of("Reminder: no answer yet since " + request.requestedAt)
                : Optional.empty();
    }

    /** What silence means when the deadline passes: {@code DEEMED_GRANTED}, {@code NO_OBJECTION}, {@code ESCALATE}. */
    default String silence(InteractionRequestEntity request) {
        return request.deadlineSilence;
    }

    /** Runs after an answer: e.g. start the validity of a grant with an {@code EXPIRY} timer. */
    default void onAnswered(InteractionRequestEntity request, Instant now) {
    }

    /** The reason an {@code EXPIRY} timer gives. */
    default String expiryReason(InteractionRequestEntity request) {
        return "The validity of the answer ended";
    }

    /**
     * Whether {@code organisation}, to which the request is addressed, may do {@code act} on it now. Asked before every
     * partner call; false answers 404, as if the request did not exist. By default every addressee may.
     */
    default boolean mayAct(InteractionRequestEntity request, String organisation, PartnerAct act) {
        return true;
    }

    /**
     * A request of one of this policy's kinds that another case event starts (a transferred case asks the receiving
     * office to take it over), or empty. By default only {@code interaction-requested} events start requests.
     */
    default Optional<InteractionRequested> requestFrom(FallnetzEvent event) {
        return Optional.empty();
    }
}
