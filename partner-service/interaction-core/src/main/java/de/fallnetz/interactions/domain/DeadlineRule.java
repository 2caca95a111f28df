package de.fallnetz.interactions.domain;

import de.fallnetz.contracts.events.InteractionRequested;

/**
 * How long a partner has and what its silence means, as the case type's catalogue sets it.
 *
 * @param amount how many units
 * @param unit {@code CALENDAR_DAYS}, {@code WORKING_DAYS}, {@code WEEKS}, {@code MONTHS} or {@code NONE}
 * @param silence {@code DEEMED_GRANTED}, {@code NO_OBJECTION}, {@code ESCALATE} or {@code NONE}
 * @param legalBasis where the rule comes from
 */
public record DeadlineRule(int amount, String unit, String silence, String legalBasis) {

    public static final DeadlineRule NONE = new DeadlineRule(0, "NONE", "NONE", null);

    public static DeadlineRule of(InteractionRequested.Deadline deadline) {
        if (deadline == null || deadline.unit() == null) {
            return NONE;
        }
        return new DeadlineRule(deadline.amount(), deadline.unit(),
                deadline.silence() == null ? "NONE" : deadline.silence(), deadline.legalBasis());
    }

    public boolean hasDeadline() {
        return !"NONE".equals(unit) && amount > 0;
    }

    public DeadlineRule withSilence(String other) {
        return new DeadlineRule(amount, unit, other, legalBasis);
    }
}
