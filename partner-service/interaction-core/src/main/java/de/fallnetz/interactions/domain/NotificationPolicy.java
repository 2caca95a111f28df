package de.fallnetz.interactions.domain;

import java.util.Set;

/**
 * A partner that is informed rather than asked (registration office, welcome centre, social benefit agency): the
 * partner acknowledges, there is no deadline whatever the request's rule says, and silence means nothing. A member
 * names its kinds and states only what else differs.
 */
public abstract class NotificationPolicy implements InteractionPolicy {

    /** The one answer to a notification. */
    public static final String ACKNOWLEDGED = "ACKNOWLEDGED";

    private final Set<String> kinds;

    protected NotificationPolicy(String... kinds) {
        this.kinds = Set.of(kinds);
    }

    @Override
    public Set<String> kinds() {
        return kinds;
    }

    @Override
    public Set<String> outcomes(String kind) {
        return Set.of(ACKNOWLEDGED);
    }

    /** No answer period and no silence semantics: a notification never escalates or grants by itself. */
    @Override
    public DeadlineRule deadline(InteractionRequestEntity request, DeadlineRule fromEvent) {
        return DeadlineRule.NONE;
    }

    @Override
    public String silence(InteractionRequestEntity request) {
        return "NONE";
    }
}
